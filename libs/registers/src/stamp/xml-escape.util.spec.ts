import { describe, expect, it } from '@jest/globals';
import { escapeXml } from './xml-escape.util.js';

describe('escapeXml', () => {
  it('escapes the five XML special characters and leaves Thai alone', () => {
    expect(escapeXml(`ก&ข <ค> "ง" 'จ'`)).toBe('ก&amp;ข &lt;ค&gt; &quot;ง&quot; &apos;จ&apos;');
  });
});
