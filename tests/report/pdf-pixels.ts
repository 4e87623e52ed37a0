// Renders a PDF page with pdftoppm (poppler-utils) to greyscale and measures how much of it is ink.
import fs from 'node:fs';
import path from 'node:path';
import { execa } from 'execa';

/** Share of pixels of page `page` darker than light grey (0 = blank), and the PNG rendered for looking at. */
export async function pdfPageInk(
  pdfFile: string,
  page = 1,
): Promise<{ ink: number; width: number; height: number; png: string }> {
  const base = pdfFile.replace(/\.pdf$/, '');
  const gray = `${base}-gray-${page}`;
  await execa('pdftoppm', ['-gray', '-r', '40', '-f', String(page), '-l', String(page), '-singlefile', pdfFile, gray]);
  await execa('pdftoppm', [
    '-png',
    '-r',
    '70',
    '-f',
    String(page),
    '-l',
    String(page),
    '-singlefile',
    pdfFile,
    `${base}-page-${page}`,
  ]);
  const data = fs.readFileSync(`${gray}.pgm`);
  // Binary PGM: "P5", width, height, maxval, one whitespace, then width × height bytes.
  const header = /^P5\s+(\d+)\s+(\d+)\s+(\d+)\s/.exec(data.subarray(0, 64).toString('latin1'));
  if (!header) throw new Error(`not a binary PGM: ${gray}.pgm`);
  const width = Number(header[1]);
  const height = Number(header[2]);
  const pixels = data.subarray(header[0].length, header[0].length + width * height);
  let dark = 0;
  for (const value of pixels) if (value < 200) dark++;
  fs.rmSync(`${gray}.pgm`);
  return { ink: dark / (width * height), width, height, png: path.resolve(`${base}-page-${page}.png`) };
}
