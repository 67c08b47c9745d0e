import { createHash } from 'node:crypto';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { isAbsolute, join, resolve } from 'node:path';
import { Injectable } from '@nestjs/common';
import { AuditTrail } from '@wian/audit';
import { AppConfig } from '@wian/config';
import { ApiException } from '@wian/http';
import type { Actor } from '@wian/identity';
import { TransactionHost } from '@wian/persistence';
import { fileTypeFromBuffer } from 'file-type';
import { StoredFile } from './stored-file.entity.js';

/** What a government letter's enclosures are: PDF, images, Office documents. */
export const ALLOWED_MEDIA_TYPES: ReadonlySet<string> = new Set([
  'application/pdf',
  'image/png',
  'image/jpeg',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  'application/vnd.openxmlformats-officedocument.presentationml.presentation',
]);

/**
 * Files on local disk (STORAGE_DIR), content-addressed by SHA-256 so the same file uploaded
 * twice is stored once. The type is detected from the bytes; the client's word is not taken.
 */
@Injectable()
export class FileStorage {
  private readonly root: string;

  constructor(
    private readonly tx: TransactionHost,
    private readonly audit: AuditTrail,
    private readonly config: AppConfig,
  ) {
    this.root = isAbsolute(config.STORAGE_DIR)
      ? config.STORAGE_DIR
      : resolve(process.cwd(), config.STORAGE_DIR);
  }

  async store(
    organisationId: number,
    content: Buffer,
    originalName: string,
    actor: Actor | null,
  ): Promise<StoredFile> {
    if (content.length === 0) {
      throw new ApiException(415, 'Send the file as the request body', [
        {
          field: 'body',
          rule: 'file',
          message_th: 'กรุณาส่งไฟล์เป็นเนื้อหาของคำขอ พร้อม Content-Type ของไฟล์',
          message_en: 'send the file as the request body with its Content-Type',
        },
      ]);
    }
    if (content.length > this.config.FILE_MAX_BYTES) {
      throw new ApiException(413, 'The file is larger than the limit', [
        {
          field: 'body',
          rule: 'max_size',
          message_th: `ไฟล์ใหญ่เกิน ${Math.floor(this.config.FILE_MAX_BYTES / 1048576)} MB`,
          message_en: `the file is larger than ${this.config.FILE_MAX_BYTES} bytes`,
        },
      ]);
    }
    const detected = await fileTypeFromBuffer(content);
    if (detected === undefined || !ALLOWED_MEDIA_TYPES.has(detected.mime)) {
      throw new ApiException(415, 'This type of file is not accepted', [
        {
          field: 'body',
          rule: 'media_type',
          message_th: `ไม่รับไฟล์ชนิด ${detected?.mime ?? 'ที่ไม่รู้จัก'} (รับ PDF, PNG, JPEG, DOCX, XLSX, PPTX)`,
          message_en: `files of type ${detected?.mime ?? 'unknown'} are not accepted (PDF, PNG, JPEG, DOCX, XLSX, PPTX are)`,
        },
      ]);
    }
    const sha256 = createHash('sha256').update(content).digest('hex');
    const dir = join(this.root, sha256.slice(0, 2));
    await mkdir(dir, { recursive: true });
    const path = join(dir, sha256);
    // Write then rename, so a reader never sees half a file.
    await writeFile(`${path}.part`, content);
    await rename(`${path}.part`, path);
    return this.tx.run(async () => {
      const saved = await this.tx.repository(StoredFile).save(
        Object.assign(new StoredFile(), {
          organisationId,
          sha256,
          sizeBytes: content.length,
          mediaType: detected.mime,
          originalName: originalName.slice(0, 255),
          uploadedByUserId: actor?.kind === 'user' ? actor.userId : null,
        }),
      );
      await this.audit.record({
        action: 'file.upload',
        entityType: 'file',
        entityId: saved.id,
        organisationId,
        payload: { sha256, sizeBytes: content.length, mediaType: detected.mime },
      });
      return saved;
    });
  }

  async read(id: string): Promise<{ file: StoredFile; content: Buffer }> {
    const file = await this.tx.repository(StoredFile).findOneBy({ id });
    if (file === null) throw ApiException.notFound('id', 'ไม่พบไฟล์นี้', `No file with id ${id}`);
    return { file, content: await readFile(join(this.root, file.sha256.slice(0, 2), file.sha256)) };
  }
}
