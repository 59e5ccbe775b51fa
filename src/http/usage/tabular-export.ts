import ExcelJS from 'exceljs';

export type Cell = string | number | boolean | null;

/**
 * A spreadsheet program runs a cell that starts with = + - @ as a formula; text from callers (model
 * names, client families) is prefixed with an apostrophe so an export can never carry a formula.
 */
function safeText(text: string): string {
  return /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
}

function csvField(cell: Cell): string {
  if (cell === null) return '';
  const text = typeof cell === 'string' ? safeText(cell) : String(cell);
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** RFC 4180: a header row, CRLF line ends, fields with commas, quotes or line breaks quoted. */
export function toCsv(header: readonly string[], rows: readonly Cell[][]): string {
  return [header, ...rows].map((row) => row.map(csvField).join(',')).join('\r\n') + '\r\n';
}

/** One worksheet with a bold, frozen header row; numbers stay numbers. */
export async function toXlsx(
  sheet: string,
  header: readonly string[],
  rows: readonly Cell[][],
): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Gatehouse';
  const worksheet = workbook.addWorksheet(sheet, { views: [{ state: 'frozen', ySplit: 1 }] });
  worksheet.addRow([...header]).font = { bold: true };
  for (const row of rows)
    worksheet.addRow(row.map((cell) => (typeof cell === 'string' ? safeText(cell) : cell)));
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
