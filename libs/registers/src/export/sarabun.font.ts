import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

/**
 * Sarabun, the open font of the TH Sarabun family that Thai government documents use. The
 * `@expo-google-fonts/sarabun` package ships complete TTF files (Thai and Latin in one file);
 * the `@fontsource` files are split into script subsets, and a PDF that embeds only the Thai one
 * loses `/` and `.` from document numbers such as `มท ๐๘๑๐.๗/ว ๓๐๗`.
 */
export type SarabunWeight = 'regular' | 'bold';

const FILES: Readonly<Record<SarabunWeight, string>> = {
  regular: '@expo-google-fonts/sarabun/400Regular/Sarabun_400Regular.ttf',
  bold: '@expo-google-fonts/sarabun/700Bold/Sarabun_700Bold.ttf',
};

const loaded = new Map<SarabunWeight, Buffer>();

/** The TTF bytes of a Sarabun weight, read once per process. */
export function sarabunFont(weight: SarabunWeight): Buffer {
  let font = loaded.get(weight);
  if (font === undefined) {
    font = readFileSync(createRequire(import.meta.url).resolve(FILES[weight]));
    loaded.set(weight, font);
  }
  return font;
}
