import { describe, expect, it } from 'vitest';
import { boundsToSave, DEFAULT_SIZE, restoreBounds } from './window-state.js';

const laptop = { x: 0, y: 0, width: 1440, height: 875 };
const monitor = { x: 1440, y: 0, width: 2560, height: 1415 };
const saved = { x: 2000, y: 100, width: 1600, height: 1000, maximized: false, fullScreen: false };

describe('window state', () => {
  it('opens where it was when that place is still on a screen', () => {
    expect(restoreBounds(saved, [laptop, monitor])).toEqual({ x: 2000, y: 100, width: 1600, height: 1000 });
  });

  it('drops a position left on an unplugged monitor and clamps the size', () => {
    expect(restoreBounds(saved, [laptop])).toEqual({ width: 1440, height: 875 });
  });

  it('uses the default size on first run', () => {
    expect(restoreBounds(null, [monitor])).toEqual(DEFAULT_SIZE);
  });

  it('saves rounded normal bounds and the maximized flag', () => {
    expect(
      boundsToSave({ x: 10.4, y: 20.6, width: 800.2, height: 600 }, { maximized: true, fullScreen: false }),
    ).toEqual({
      x: 10,
      y: 21,
      width: 800,
      height: 600,
      maximized: true,
      fullScreen: false,
    });
  });
});
