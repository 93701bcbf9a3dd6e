// Worker threads for the CPU-heavy parts of Node-only modules (the issuer's credential staging,
// the Merkle tree's hashing): one host that starts them, numbers requests, carries errors back
// and unreferences idle threads. Node.js only; never reached from the SDK's browser entries.
export { HostedWorker, type HostedWorkerOptions } from "./hostedWorker.ts";
export { type ExportedJobs, exportJobs, type WorkerJobs } from "./workerJobs.ts";
