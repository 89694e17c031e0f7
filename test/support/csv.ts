/**
 * A CSV reader written from RFC 4180 for the tests (not from the writer in
 * src/service/csv.ts): records end with CRLF, fields are separated by commas,
 * a quoted field may hold commas, CR, LF and doubled quotes. An unquoted
 * empty field reads as `null`, a quoted one (`""`) as the empty string — the
 * export's way of telling the two apart. Throws on anything malformed,
 * including text after the last CRLF (a cut record).
 */
export type Cell = string | null;

export function parseCsv(text: string): Cell[][] {
  const records: Cell[][] = [];
  let record: Cell[] = [];
  let i = 0;
  if (text === "") return records;
  for (;;) {
    // One field.
    if (text[i] === '"') {
      let value = "";
      i += 1;
      for (;;) {
        const quote = text.indexOf('"', i);
        if (quote === -1) throw new Error(`unterminated quoted field at ${i}`);
        value += text.slice(i, quote);
        if (text[quote + 1] === '"') {
          value += '"';
          i = quote + 2;
        } else {
          i = quote + 1;
          break;
        }
      }
      record.push(value);
    } else {
      let end = i;
      while (end < text.length && text[end] !== "," && text[end] !== "\r" && text[end] !== "\n") {
        if (text[end] === '"') throw new Error(`quote inside an unquoted field at ${end}`);
        end += 1;
      }
      record.push(end === i ? null : text.slice(i, end));
      i = end;
    }
    // What follows a field: a comma, or CRLF.
    if (text[i] === ",") {
      i += 1;
      continue;
    }
    if (text.startsWith("\r\n", i)) {
      records.push(record);
      record = [];
      i += 2;
      if (i === text.length) return records;
      continue;
    }
    throw new Error(`expected ',' or CRLF at ${i}, found ${JSON.stringify(text.slice(i, i + 10))}`);
  }
}
