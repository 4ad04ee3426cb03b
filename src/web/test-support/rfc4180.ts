// A strict RFC 4180 reader for tests (no CSV parser is among the dependencies): records end in
// CRLF, a field is either bare (no quote, comma, CR or LF) or wholly quoted with "" for a quote.
// Anything else throws, so a test fails on CSV a spreadsheet might read differently.
export function parseCsv(text: string): string[][] {
  const records: string[][] = [];
  let record: string[] = [];
  let i = 0;
  const fail = (why: string): never => {
    throw new Error(`invalid CSV at offset ${i}: ${why}`);
  };
  if (text.length > 0 && !text.endsWith('\r\n')) fail('the last record must end with CRLF');
  while (i < text.length) {
    let field = '';
    if (text[i] === '"') {
      i += 1;
      for (;;) {
        if (i >= text.length) fail('unterminated quoted field');
        if (text[i] === '"') {
          if (text[i + 1] === '"') {
            field += '"';
            i += 2;
            continue;
          }
          i += 1;
          break;
        }
        field += text[i];
        i += 1;
      }
    } else {
      while (i < text.length && text[i] !== ',' && text[i] !== '\r') {
        if (text[i] === '"' || text[i] === '\n') fail('quote or bare LF in an unquoted field');
        field += text[i];
        i += 1;
      }
    }
    record.push(field);
    if (text[i] === ',') {
      i += 1;
      continue;
    }
    if (text[i] === '\r' && text[i + 1] === '\n') {
      records.push(record);
      record = [];
      i += 2;
      continue;
    }
    fail('a field must be followed by a comma or CRLF');
  }
  const width = records[0]?.length;
  if (records.some((row) => row.length !== width)) throw new Error('records differ in width');
  return records;
}
