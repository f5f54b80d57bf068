import { open } from 'node:fs/promises';
import type { DocumentMimeType } from '@hamgaja/shared';
import { AppError } from '../http/problem.js';

/**
 * What a travel document's bytes are, by content only (magic bytes), never by name or header.
 *
 * Polyglot rule: a file is accepted only when it is exactly one file of its type, so that no
 * other program (a ZIP reader, a browser sniffing HTML) finds a second meaning in it:
 * 1. it starts with its type's signature (file-type);
 * 2. it ends where its type ends: `%%EOF` for a PDF, the EOI marker for a JPEG, the IEND chunk
 *    for a PNG, the RIFF length for a WebP (trailing NUL or whitespace padding is allowed);
 *    anything appended (a script, an archive) is refused;
 * 3. no ZIP end-of-central-directory record in its last 64 KB (a ZIP tucked in before `%%EOF`);
 * 4. no HTML or script markup in its first 1 KB (what browsers sniff).
 */
const ACCEPTED = new Set<string>(['application/pdf', 'image/jpeg', 'image/png', 'image/webp']);
const HEAD_BYTES = 1024;
/** A ZIP reader looks for its end record in the last 64 KB + 22 bytes. */
const TAIL_BYTES = 65_557;
const ZIP_END = Buffer.from([0x50, 0x4b, 0x05, 0x06]);
const HTML_MARKERS = /<(?:!doctype\s+html|html|head|body|script|iframe|svg|object|embed)[\s>/]/i;
const PNG_END = Buffer.from([0x49, 0x45, 0x4e, 0x44, 0xae, 0x42, 0x60, 0x82]);

export const unsupportedType = () =>
  new AppError(415, 'unsupported_type', 'The file is not a PDF, JPEG, PNG or WebP');
export const polyglotFile = (why: string) =>
  new AppError(415, 'polyglot_file', `The file is not only a PDF or an image: ${why}`);

/** The file's content without trailing padding (NUL bytes and whitespace). */
function withoutPadding(tail: Buffer): Buffer {
  let end = tail.length;
  while (end > 0 && [0x00, 0x09, 0x0a, 0x0d, 0x20].includes(tail[end - 1]!)) end -= 1;
  return tail.subarray(0, end);
}

function endsProperly(type: DocumentMimeType, tail: Buffer, head: Buffer, size: number): boolean {
  const content = withoutPadding(tail);
  switch (type) {
    case 'application/pdf':
      return content.subarray(-5).toString('latin1') === '%%EOF';
    case 'image/jpeg':
      return (
        content.length >= 2 && content[content.length - 2] === 0xff && content[content.length - 1] === 0xd9
      );
    case 'image/png':
      return content.subarray(-8).equals(PNG_END);
    case 'image/webp': {
      // RIFF chunk length (little endian) + 8 header bytes, padded to an even size.
      const riff = head.readUInt32LE(4) + 8;
      return riff === size || (riff % 2 === 1 && riff + 1 === size);
    }
  }
}

/** Reads up to `length` bytes at `position` of an open file. */
async function readAt(file: Awaited<ReturnType<typeof open>>, position: number, length: number) {
  const buffer = Buffer.alloc(length);
  const { bytesRead } = await file.read(buffer, 0, length, position);
  return buffer.subarray(0, bytesRead);
}

/** The checked type of the file at `filePath` of `size` bytes; throws unsupported_type or polyglot_file. */
export async function checkDocumentContent(filePath: string, size: number): Promise<DocumentMimeType> {
  // Loaded with the first upload, not with the server (see board/image-files.ts).
  const { fileTypeFromFile } = await import('file-type');
  const detected = await fileTypeFromFile(filePath);
  if (!detected || !ACCEPTED.has(detected.mime)) throw unsupportedType();
  const type = detected.mime as DocumentMimeType;
  const file = await open(filePath, 'r');
  try {
    const head = await readAt(file, 0, Math.min(HEAD_BYTES, size));
    const tailLength = Math.min(TAIL_BYTES, size);
    const tail = await readAt(file, size - tailLength, tailLength);
    if (HTML_MARKERS.test(head.toString('latin1'))) throw polyglotFile('it holds HTML');
    if (!endsProperly(type, tail, head, size)) throw polyglotFile('something is appended to it');
    if (tail.includes(ZIP_END)) throw polyglotFile('it holds a ZIP archive');
    return type;
  } finally {
    await file.close();
  }
}
