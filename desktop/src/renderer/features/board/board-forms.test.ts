import { describe, expect, it } from 'vitest';
import { POST_IMAGES_MAX, UPLOAD_MAX_BYTES, type PostImage } from '@hamgaja/shared';
import { checkFile, imageKeys, moveItem, removeItem, roomLeft, type PickedImage } from './image-picker';
import { validateComment, validatePostForm } from './post-form';
import { readListParams } from './BoardPage';
import { pageWindow } from './Pagination';

const image = (key: string): PostImage => ({
  key,
  url: `/api/images/${key}`,
  thumbnailUrl: `/api/images/${key}?size=thumb`,
  width: 10,
  height: 10,
});
const done = (id: string): PickedImage => ({
  id,
  status: 'done',
  name: id,
  preview: id,
  image: image(id.padEnd(22, 'x')),
});

describe('post form validation', () => {
  it('needs a title and a body within the server limits', () => {
    expect(validatePostForm({ title: '  ', body: '' })).toEqual({ title: 'required', body: 'required' });
    expect(validatePostForm({ title: 'x'.repeat(121), body: 'ok' })).toEqual({ title: 'tooLong' });
    expect(validatePostForm({ title: 'Busan', body: 'x'.repeat(20_001) })).toEqual({ body: 'tooLong' });
    expect(validatePostForm({ title: 'Busan', body: 'Great beaches' })).toEqual({});
  });
  it('checks comments the same way', () => {
    expect(validateComment(' ')).toBe('required');
    expect(validateComment('x'.repeat(2001))).toBe('tooLong');
    expect(validateComment('nice')).toBeNull();
  });
});

describe('image picker', () => {
  it('reorders: moves an item forward and back, clamping at the ends', () => {
    const items = ['a', 'b', 'c', 'd'];
    expect(moveItem(items, 0, 2)).toEqual(['b', 'c', 'a', 'd']);
    expect(moveItem(items, 3, 0)).toEqual(['d', 'a', 'b', 'c']);
    expect(moveItem(items, 1, 99)).toEqual(['a', 'c', 'd', 'b']);
    expect(moveItem(items, 7, 0)).toEqual(items);
  });

  it('sends keys in display order, skipping failures, and none while uploading', () => {
    const failed: PickedImage = {
      id: 'f',
      status: 'failed',
      name: 'f.txt',
      preview: null,
      reason: 'notImage',
    };
    const items = [done('b'), failed, done('a')];
    expect(imageKeys(items)).toEqual([image('b'.padEnd(22, 'x')).key, image('a'.padEnd(22, 'x')).key]);
    expect(imageKeys(moveItem(items, 2, 0))?.[0]).toBe('a'.padEnd(22, 'x'));
    expect(imageKeys(removeItem(items, 'b'))).toEqual(['a'.padEnd(22, 'x')]);
    expect(
      imageKeys([...items, { id: 'u', status: 'uploading', name: 'u', preview: 'u', progress: 40 }]),
    ).toBeNull();
  });

  it('refuses non-images and files over 10 MB before uploading, and counts the room left', () => {
    expect(checkFile({ type: 'application/pdf', size: 10 })).toBe('notImage');
    expect(checkFile({ type: 'image/png', size: UPLOAD_MAX_BYTES + 1 })).toBe('tooLarge');
    expect(checkFile({ type: 'image/jpeg', size: 1000 })).toBeNull();
    const failed: PickedImage = { id: 'f', status: 'failed', name: 'f', preview: null, reason: 'tooLarge' };
    expect(roomLeft([done('a'), failed])).toBe(POST_IMAGES_MAX - 1);
  });
});

describe('board list address', () => {
  it('reads search, sort and page from the URL, ignoring nonsense', () => {
    expect(readListParams(new URLSearchParams('q=%20부산%20&sort=views&page=3'))).toEqual({
      q: '부산',
      sort: 'views',
      page: 3,
    });
    expect(readListParams(new URLSearchParams('sort=best&page=-2'))).toEqual({
      q: '',
      sort: 'latest',
      page: 1,
    });
  });
  it('shows a window of pages around the current one', () => {
    expect(pageWindow(1, 3)).toEqual([1, 2, 3]);
    expect(pageWindow(10, 20)).toEqual([8, 9, 10, 11, 12]);
    expect(pageWindow(20, 20)).toEqual([16, 17, 18, 19, 20]);
  });
});
