// Release dates as vendors write them: ISO text, an Excel serial shown as a number, or a date with a
// month name. Only unambiguous forms become ISO; 03/04/2020 stays as written (US or European?).

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];

function iso(y: number, m: number, d: number): string | undefined {
  const date = new Date(Date.UTC(y, m - 1, d));
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d) return undefined;
  return date.toISOString().slice(0, 10);
}

function month(name: string): number | undefined {
  const i = MONTHS.indexOf(name.slice(0, 3).toLowerCase());
  return i < 0 ? undefined : i + 1;
}

/** ISO yyyy-mm-dd when the text is an unambiguous date; otherwise the text unchanged. */
export function normaliseDate(text: string): string {
  const t = text.trim();
  let m = /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?:[T\s].*)?$/.exec(t);
  if (m) return iso(+m[1]!, +m[2]!, +m[3]!) ?? t;
  // Excel serial day number (1900 date system), as a General-formatted cell shows it.
  m = /^(\d{5})(?:\.\d+)?$/.exec(t);
  if (m) {
    const serial = +m[1]!;
    if (serial > 20000 && serial < 80000) return new Date(Date.UTC(1899, 11, 30) + serial * 86_400_000).toISOString().slice(0, 10);
    return t;
  }
  // 9-Oct-2019, 9 October 2019
  m = /^(\d{1,2})[-\s.]([A-Za-z]{3,9})\.?[-\s,]+(\d{4})$/.exec(t);
  if (m && month(m[2]!)) return iso(+m[3]!, month(m[2]!)!, +m[1]!) ?? t;
  // October 9, 2019
  m = /^([A-Za-z]{3,9})\.?\s+(\d{1,2}),?\s+(\d{4})$/.exec(t);
  if (m && month(m[1]!)) return iso(+m[3]!, month(m[1]!)!, +m[2]!) ?? t;
  return t;
}
