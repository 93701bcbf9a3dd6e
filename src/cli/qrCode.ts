// QR codes of share links, for the CLI, certificates and mail (qrcode is a CLI dependency; the
// SDK and the page never draw one). Error correction M (15% of the code may be damaged) when the
// link fits, else L, so long links still fit a code.
import QRCode from "qrcode";

export interface QrOptions {
  /** Pixels per module in a PNG (default 4); an SVG scales freely. */
  scale?: number;
  /** Quiet zone in modules (default 4, what the standard asks). */
  margin?: number;
}

/** An SVG document drawing the QR code of `link`. */
export async function qrSvg(link: string, options: QrOptions = {}): Promise<string> {
  return QRCode.toString(link, { type: "svg", ...qrParameters(link, options) });
}

/** PNG bytes of the QR code of `link`. */
export async function qrPng(link: string, options: QrOptions = {}): Promise<Uint8Array> {
  const png = await QRCode.toBuffer(link, {
    type: "png",
    scale: options.scale ?? 4,
    ...qrParameters(link, options),
  });
  return new Uint8Array(png.buffer, png.byteOffset, png.byteLength);
}

/** Level M holds 2,331 bytes in a version-40 code, L holds 2,953. */
function qrParameters(link: string, options: QrOptions) {
  const bytes = new TextEncoder().encode(link).length;
  return {
    errorCorrectionLevel: bytes <= 2_331 ? ("M" as const) : ("L" as const),
    margin: options.margin ?? 4,
  };
}
