import { describe, expect, it } from 'vitest';
import { formatBytes, readDocumentFile, sniffDocumentType } from './content';
import { fileStatus, keptByDefault, type DeviceFilesSnapshot } from './device-files';

const bytes = (...values: number[]) => new Uint8Array(values);

describe('travel documents on the device', () => {
  it('recognises PDF, JPEG, PNG and WebP by their first bytes, never by name', async () => {
    expect(sniffDocumentType(new TextEncoder().encode('%PDF-1.7\n'))).toBe('application/pdf');
    expect(sniffDocumentType(bytes(0xff, 0xd8, 0xff, 0xe0))).toBe('image/jpeg');
    expect(sniffDocumentType(bytes(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a))).toBe('image/png');
    expect(sniffDocumentType(new TextEncoder().encode('RIFF\0\0\0\0WEBPVP8 '))).toBe('image/webp');
    expect(sniffDocumentType(new TextEncoder().encode('RIFF\0\0\0\0WAVEfmt '))).toBeNull();
    expect(sniffDocumentType(new TextEncoder().encode('MZ\x90\0'))).toBeNull();

    const exe = new File([new TextEncoder().encode('MZ\x90\0 not a pdf')], 'ticket.pdf', {
      type: 'application/pdf',
    });
    expect(await readDocumentFile(exe)).toEqual({ ok: false, reason: 'unsupportedType' });
    expect(await readDocumentFile(new File([], 'empty.pdf'))).toEqual({ ok: false, reason: 'empty' });
    const pdf = await readDocumentFile(new File([new TextEncoder().encode('%PDF-1.4\n%%EOF\n')], 'a.pdf'));
    expect(pdf).toMatchObject({
      ok: true,
      mimeType: 'application/pdf',
      size: 15,
      // sha256 of "%PDF-1.4\n%%EOF\n"
      sha256: expect.stringMatching(/^[0-9a-f]{64}$/),
    });
  });

  it('keeps the files of trips starting within 14 days or under way, by default', () => {
    const today = '2026-12-08';
    expect(keptByDefault({ startDate: '2026-12-22', endDate: '2026-12-25' }, today)).toBe(true);
    expect(keptByDefault({ startDate: '2026-12-23', endDate: '2026-12-25' }, today)).toBe(false);
    expect(keptByDefault({ startDate: '2026-12-01', endDate: '2026-12-08' }, today)).toBe(true);
    expect(keptByDefault({ startDate: '2026-12-01', endDate: '2026-12-07' }, today)).toBe(false);
  });

  it('says where a file is', () => {
    const snapshot: DeviceFilesSnapshot = {
      files: new Map([
        ['a', { sha256: 'a', mimeType: 'application/pdf', size: 1, uploaded: false, storedAt: 0 }],
        ['b', { sha256: 'b', mimeType: 'application/pdf', size: 1, uploaded: true, storedAt: 0 }],
        ['r', { sha256: 'r', mimeType: 'application/pdf', size: 1, uploaded: false, storedAt: 0 }],
      ]),
      missing: new Set(['m']),
      busy: new Map([['u', 'downloading']]),
      refused: new Map([['r', 'quota_exceeded']]),
      keep: {},
    };
    expect(['a', 'b', 'r', 'm', 'u', 's'].map((sha) => fileStatus(snapshot, sha))).toEqual([
      'waiting',
      'onDevice',
      'refused',
      'notUploaded',
      'downloading',
      'onServer',
    ]);
  });

  it('writes sizes for people', () => {
    expect(formatBytes(512, 'en')).toBe('512 B');
    expect(formatBytes(1536, 'en')).toBe('1.5 KB');
    expect(formatBytes(20 * 1024 * 1024, 'ko')).toBe('20 MB');
  });
});
