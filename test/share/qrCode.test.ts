import { expect } from "chai";
import jsQRModule from "jsqr";
import { PNG } from "pngjs";
import { qrPng, qrSvg } from "../../src/cli/qrCode.ts";

// jsqr is CommonJS whose module.exports is the function, with a `default` pointing to itself; its
// types describe only the `default`.
const jsQR = jsQRModule.default;

/** What a phone's camera would read: the PNG decoded to pixels, the QR code found and read. */
function decodePng(bytes: Uint8Array): string | undefined {
  const image = PNG.sync.read(Buffer.from(bytes));
  return jsQR(new Uint8ClampedArray(image.data), image.width, image.height)?.data;
}

/**
 * The SVG drawn to pixels, as a browser would: qrcode draws the dark modules as one stroked path
 * of horizontal runs ("M x y.5 h n m dx 0 h n ..."), which this paints `scale` pixels a module.
 */
function decodeSvg(svg: string, scale = 4): string | undefined {
  const size = Number(/viewBox="0 0 (\d+) \d+"/.exec(svg)?.[1]);
  const d = /<path stroke="#000000" d="([^"]+)"/.exec(svg)?.[1] ?? "";
  const pixels = new Uint8ClampedArray(size * scale * size * scale * 4).fill(255);
  let x = 0;
  let y = 0;
  for (const [, op, a, b] of d.matchAll(/([MmHh])(-?[\d.]+)(?:\s(-?[\d.]+))?/g)) {
    if (op === "M") [x, y] = [Number(a), Math.floor(Number(b))];
    else if (op === "m") [x, y] = [x + Number(a), y + Math.floor(Number(b))];
    else {
      for (let i = 0; i < Number(a); i++, x++) {
        for (let py = y * scale; py < (y + 1) * scale; py++) {
          for (let px = x * scale; px < (x + 1) * scale; px++) {
            pixels.fill(0, (py * size * scale + px) * 4, (py * size * scale + px) * 4 + 3);
          }
        }
      }
    }
  }
  return jsQR(pixels, size * scale, size * scale)?.data;
}

const SHORT =
  "https://verify.northwind-poly.example/#cid=bafkreigh2akiscaildcqabsyg3dfr6chu3fgpregiymsck7e7aqa4s52zy&k=q6urq6urq6urq6urq6urq6urq6urq6urq6urq6urq6s";

describe("QR codes of share links", () => {
  it("draws a PNG that decodes to the exact link", async () => {
    expect(decodePng(await qrPng(SHORT))).to.equal(SHORT);
  });

  it("draws a long inline link (2,300 characters) that still decodes exactly", async () => {
    const long = `https://verify.example/#c=${"AbC-_9".repeat(380)}`.slice(0, 2300);
    expect(decodePng(await qrPng(long, { scale: 3 }))).to.equal(long);
  });

  it("draws an SVG that decodes to the exact link", async () => {
    const svg = await qrSvg(SHORT);
    expect(svg).to.match(/^<svg xmlns="http:\/\/www.w3.org\/2000\/svg"/);
    expect(decodeSvg(svg)).to.equal(SHORT);
  });
});
