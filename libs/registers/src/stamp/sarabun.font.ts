import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import fontkit from '@pdf-lib/fontkit';
import type { Font } from '@pdf-lib/fontkit';

// Sarabun, the Thai government's standard typeface (TH Sarabun's open successor), from
// @expo-google-fonts/sarabun: complete TTFs with Latin, Thai and their OpenType tables.
const require = createRequire(import.meta.url);

/** Font weights the stamp uses. */
export type SarabunWeight = 'regular' | 'bold';

/** Absolute paths of the Sarabun TTF files. */
export const SARABUN_FONT_FILES: Readonly<Record<SarabunWeight, string>> = {
  regular: require.resolve('@expo-google-fonts/sarabun/400Regular/Sarabun_400Regular.ttf'),
  bold: require.resolve('@expo-google-fonts/sarabun/700Bold/Sarabun_700Bold.ttf'),
};

/** resvg font settings: Sarabun only, never the host's fonts, so every server renders alike. */
export const SARABUN_RESVG_FONT = {
  fontFiles: [SARABUN_FONT_FILES.regular, SARABUN_FONT_FILES.bold],
  loadSystemFonts: false,
  defaultFontFamily: 'Sarabun',
};

/** The CSS `font-weight` of each weight. */
export const SARABUN_CSS_WEIGHT: Readonly<Record<SarabunWeight, number>> = {
  regular: 400,
  bold: 700,
};

const bytesCache = new Map<SarabunWeight, Buffer>();
const fontCache = new Map<SarabunWeight, Font>();

/** The TTF file of a weight (read once, then cached). */
export function sarabunFontBytes(weight: SarabunWeight): Buffer {
  let bytes = bytesCache.get(weight);
  if (bytes === undefined) {
    bytes = readFileSync(SARABUN_FONT_FILES[weight]);
    bytesCache.set(weight, bytes);
  }
  return bytes;
}

function sarabunFont(weight: SarabunWeight): Font {
  let font = fontCache.get(weight);
  if (font === undefined) {
    font = fontkit.create(sarabunFontBytes(weight));
    fontCache.set(weight, font);
  }
  return font;
}

/** Width of `text` set in Sarabun at `fontSize`, in the same unit as `fontSize`. */
export function measureSarabun(text: string, fontSize: number, weight: SarabunWeight): number {
  const font = sarabunFont(weight);
  return (font.layout(text).advanceWidth / font.unitsPerEm) * fontSize;
}
