import type { Response } from 'superagent';

type Parser = (res: Response, done: (error: Error | null, body: Buffer) => void) => void;

/** A supertest parser that keeps any response (PDF, PNG, file) as one Buffer. */
export const binaryBody: Parser = (res, done) => {
  const chunks: Buffer[] = [];
  res.on('data', (chunk: Buffer) => chunks.push(chunk));
  res.on('end', () => {
    done(null, Buffer.concat(chunks));
  });
};
