/** `npm run motcua -- recognise --file <image or pdf> [--type <document type>] [--json]`: recognition from the shell. */
import fs from 'node:fs';
import { parseArgs } from 'node:util';
import { LOW_CONFIDENCE } from '../../../core/recognition/fields.ts';
import { createRecogniser, RECOGNISABLE_TYPES, RecognitionInputError } from './recogniser.ts';

export const RECOGNISE_HELP = `Nhận dạng giấy tờ (mã QR thẻ căn cước, OCR tiếng Việt theo mẫu), hoàn toàn ngoại tuyến. --file <ảnh hoặc PDF> [--type <${RECOGNISABLE_TYPES.join('|')}>] [--json]`;

export async function runRecogniseCommand(args: string[]): Promise<number> {
  const { values } = parseArgs({ args, options: { file: { type: 'string' }, type: { type: 'string' }, json: { type: 'boolean' } } });
  if (!values.file) {
    console.error(`Cần --file.\n${RECOGNISE_HELP}`);
    return 2;
  }
  let bytes: Buffer;
  try {
    bytes = fs.readFileSync(values.file);
  } catch {
    console.error(`Không đọc được tệp ${values.file}.`);
    return 2;
  }
  const recogniser = createRecogniser();
  try {
    const r = await recogniser.recognise(bytes, { type: values.type });
    if (values.json) console.log(JSON.stringify(r, null, 2));
    else {
      console.log(`Loại giấy tờ: ${r.type}`);
      for (const f of r.fields)
        console.log(
          `  ${f.label.padEnd(32)} ${f.value || '—'}  [${f.source}, ${f.confidence.toFixed(2)}${f.confidence < LOW_CONFIDENCE ? ', cần kiểm tra' : ''}]`,
        );
      for (const w of r.warnings) console.log(`Lưu ý: ${w}`);
    }
    return 0;
  } catch (err) {
    if (err instanceof RecognitionInputError) {
      console.error(err.message);
      return 1;
    }
    throw err;
  } finally {
    await recogniser.close();
  }
}
