import { describe, expect, it } from '@jest/globals';
import { PNG } from 'pngjs';
import { renderReceiptStampPng } from './receipt-stamp.png.js';
import type { ReceiptStampData } from './receipt-stamp.types.js';

const data: ReceiptStampData = {
  organisationName: 'อบต.นาแก้ว',
  receiptNumber: 1993,
  receivedAt: new Date('2023-03-08T02:15:00Z'),
};
const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/** Share of pixels that carry ink, and of those how many are close to `rgb`. */
function ink(png: PNG, rgb: [number, number, number]): { inked: number; matching: number } {
  let inked = 0;
  let matching = 0;
  for (let i = 0; i < png.data.length; i += 4) {
    if (png.data[i + 3] > 200) {
      inked += 1;
      const near = rgb.every((c, k) => Math.abs(png.data[i + k] - c) < 24);
      matching += near ? 1 : 0;
    }
  }
  return { inked: inked / (png.width * png.height), matching: matching / Math.max(inked, 1) };
}

describe('renderReceiptStampPng', () => {
  it('renders a 300 dpi PNG of the 50 × 30 mm stamp by default', async () => {
    const png = await renderReceiptStampPng(data);
    expect(png.subarray(0, 8).equals(PNG_SIGNATURE)).toBe(true);
    const image = PNG.sync.read(png);
    expect(image.width).toBe(591); // 50 mm at 300 dpi
    expect(image.height).toBe(354); // 30 mm at 300 dpi
  });

  it('scales the pixel size', async () => {
    const image = PNG.sync.read(await renderReceiptStampPng(data, { scale: 1 }));
    expect(image.width).toBe(189);
    expect(image.height).toBe(113);
  });

  it('is not blank: stamp-blue ink on a transparent background', async () => {
    const image = PNG.sync.read(await renderReceiptStampPng(data));
    const { inked, matching } = ink(image, [0x1f, 0x3a, 0x93]);
    expect(inked).toBeGreaterThan(0.03);
    expect(inked).toBeLessThan(0.5);
    expect(matching).toBeGreaterThan(0.95);
    expect(image.data[3]).toBe(0); // top left corner, outside the rounded border
  });

  it('inks in the colour asked for', async () => {
    const image = PNG.sync.read(await renderReceiptStampPng(data, { colour: '#b22222' }));
    expect(ink(image, [0xb2, 0x22, 0x22]).matching).toBeGreaterThan(0.95);
  });

  it('rejects an unusable scale', async () => {
    await expect(renderReceiptStampPng(data, { scale: 0 })).rejects.toThrow(RangeError);
    await expect(renderReceiptStampPng(data, { scale: Number.NaN })).rejects.toThrow(RangeError);
  });
});
