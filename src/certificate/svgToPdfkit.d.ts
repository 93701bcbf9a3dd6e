// svg-to-pdfkit ships no types: the one function certificatePdf.ts calls.
declare module "svg-to-pdfkit" {
  export default function SVGtoPDF(
    doc: PDFKit.PDFDocument,
    svg: string,
    x?: number,
    y?: number,
    options?: {
      width?: number;
      height?: number;
      preserveAspectRatio?: string;
      assumePt?: boolean;
      warningCallback?: (warning: string) => void;
      fontCallback?: (family: string, bold: boolean, italic: boolean, options: object) => string;
    },
  ): void;
}
