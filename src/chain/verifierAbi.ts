// The one CredentialRegistry function the verifier calls, batchView (the accreditation pointer,
// both accreditations and the signing key's term come inside its answer): with the whole ABI, a
// web page verifying credentials would ship every function, event and error of the registry.
// test/chain/verifierAbi.test.ts keeps it equal to the entry of the full ABI (src/chain/abi.ts).

/** The CredentialRegistry ABI entries the verifier reads with. */
export const credentialRegistryVerifierAbi = [
  {
    inputs: [
      {
        internalType: "address",
        name: "issuer",
        type: "address",
      },
      {
        internalType: "bytes32",
        name: "root",
        type: "bytes32",
      },
      {
        internalType: "uint256[]",
        name: "words",
        type: "uint256[]",
      },
      {
        internalType: "address[]",
        name: "bodies",
        type: "address[]",
      },
      {
        internalType: "bytes32",
        name: "publicKey",
        type: "bytes32",
      },
    ],
    name: "batchView",
    outputs: [
      {
        components: [
          {
            internalType: "address",
            name: "accreditation",
            type: "address",
          },
          {
            internalType: "uint48",
            name: "anchoredAt",
            type: "uint48",
          },
          {
            internalType: "uint32",
            name: "leafCount",
            type: "uint32",
          },
          {
            internalType: "bytes20",
            name: "credentialType",
            type: "bytes20",
          },
          {
            internalType: "bool",
            name: "batchRevoked",
            type: "bool",
          },
          {
            internalType: "uint256[]",
            name: "revokedWords",
            type: "uint256[]",
          },
          {
            internalType: "uint256[]",
            name: "suspendedWords",
            type: "uint256[]",
          },
          {
            components: [
              {
                internalType: "bool",
                name: "accredited",
                type: "bool",
              },
              {
                internalType: "address",
                name: "body",
                type: "address",
              },
              {
                internalType: "uint256",
                name: "term",
                type: "uint256",
              },
              {
                internalType: "string",
                name: "bodyName",
                type: "string",
              },
              {
                internalType: "string",
                name: "bodyJurisdiction",
                type: "string",
              },
              {
                internalType: "string",
                name: "issuerName",
                type: "string",
              },
              {
                internalType: "string",
                name: "issuerDomain",
                type: "string",
              },
            ],
            internalType: "struct IAccreditationRegistry.Accreditation",
            name: "atAnchoring",
            type: "tuple",
          },
          {
            components: [
              {
                internalType: "bool",
                name: "accredited",
                type: "bool",
              },
              {
                internalType: "address",
                name: "body",
                type: "address",
              },
              {
                internalType: "uint256",
                name: "term",
                type: "uint256",
              },
              {
                internalType: "string",
                name: "bodyName",
                type: "string",
              },
              {
                internalType: "string",
                name: "bodyJurisdiction",
                type: "string",
              },
              {
                internalType: "string",
                name: "issuerName",
                type: "string",
              },
              {
                internalType: "string",
                name: "issuerDomain",
                type: "string",
              },
            ],
            internalType: "struct IAccreditationRegistry.Accreditation",
            name: "current",
            type: "tuple",
          },
          {
            internalType: "uint64",
            name: "keyDeclaredAt",
            type: "uint64",
          },
          {
            internalType: "uint64",
            name: "keyRetiredAt",
            type: "uint64",
          },
        ],
        internalType: "struct ICredentialRegistry.BatchView",
        name: "view_",
        type: "tuple",
      },
    ],
    stateMutability: "view",
    type: "function",
  },
] as const;
