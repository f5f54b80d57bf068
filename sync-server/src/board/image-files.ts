import { randomBytes } from 'node:crypto';
import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { OutputInfo } from 'sharp';
import { AppError } from '../http/problem.js';

/** Formats accepted on upload, recognized by their content (magic bytes), never by name or header. */
const ACCEPTED = new Set(['image/jpeg', 'image/png', 'image/webp', 'image/gif', 'image/avif']);
/** Bounds decoding work: a small file may claim huge dimensions (a decompression bomb). */
const MAX_INPUT_PIXELS = 50_000_000;
export const DISPLAY_MAX_PX = 1600;
export const THUMB_MAX_PX = 400;

export type ImageSize = 'display' | 'thumb';

export type ProcessedImage = {
  key: string;
  width: number;
  height: number;
  /** Bytes of the display variant. */
  bytes: number;
};

/**
 * sharp and file-type load with the first upload, not with the server: sharp maps libvips
 * (about 8 MB resident) and both hold their code in the heap, which every instance would carry
 * for nothing while it only serves sync streams.
 */
const imageLibraries = async () => {
  const [{ fileTypeFromBuffer }, { default: sharp }] = await Promise.all([
    import('file-type'),
    import('sharp'),
  ]);
  return { fileTypeFromBuffer, sharp };
};

const notAnImage = () =>
  new AppError(415, 'unsupported_media_type', 'The file is not a JPEG, PNG, WebP, GIF or AVIF image');

/**
 * Image files under UPLOAD_DIR: uploads are re-encoded (which drops metadata and anything
 * smuggled after the image data) into a display size and a thumbnail, both WebP. Files are
 * spread over 64 folders by the key's first character; every instance sharing the volume
 * serves them.
 */
export class ImageFiles {
  constructor(readonly dir: string) {}

  /** Relative to dir; keys are base64url, so they never hold a separator or start with a dot. */
  relativePathOf(key: string, size: ImageSize): string {
    return path.join(key.slice(0, 1), size === 'thumb' ? `${key}.thumb.webp` : `${key}.webp`);
  }

  pathOf(key: string, size: ImageSize): string {
    return path.join(this.dir, this.relativePathOf(key, size));
  }

  /** Checks the content, re-encodes and stores both sizes; 415 for anything that is not a decodable image. */
  async store(input: Buffer): Promise<ProcessedImage> {
    const { fileTypeFromBuffer, sharp } = await imageLibraries();
    const type = await fileTypeFromBuffer(input);
    if (!type || !ACCEPTED.has(type.mime)) throw notAnImage();
    const decode = () =>
      sharp(input, { limitInputPixels: MAX_INPUT_PIXELS, failOn: 'error', animated: false }).rotate();
    let display: { data: Buffer; info: OutputInfo };
    let thumb: Buffer;
    try {
      display = await decode()
        .resize({ width: DISPLAY_MAX_PX, height: DISPLAY_MAX_PX, fit: 'inside', withoutEnlargement: true })
        .webp({ quality: 82 })
        .toBuffer({ resolveWithObject: true });
      thumb = await decode()
        .resize({ width: THUMB_MAX_PX, height: THUMB_MAX_PX, fit: 'inside', withoutEnlargement: true })
        .webp({ quality: 75 })
        .toBuffer();
    } catch {
      throw notAnImage();
    }
    const key = randomBytes(16).toString('base64url');
    await mkdir(path.dirname(this.pathOf(key, 'display')), { recursive: true });
    await this.writeAtomically(this.pathOf(key, 'thumb'), thumb);
    await this.writeAtomically(this.pathOf(key, 'display'), display.data);
    return { key, width: display.info.width, height: display.info.height, bytes: display.data.length };
  }

  /** Removes both sizes; missing files are fine (another instance may have removed them). */
  async remove(keys: readonly string[]): Promise<void> {
    await Promise.all(
      keys.flatMap((key) =>
        (['display', 'thumb'] as const).map((size) => rm(this.pathOf(key, size), { force: true })),
      ),
    );
  }

  // Readers on other instances never see a half-written file.
  private async writeAtomically(file: string, data: Buffer): Promise<void> {
    const temp = `${file}.${randomBytes(6).toString('hex')}.tmp`;
    await writeFile(temp, data);
    await rename(temp, file);
  }
}
