/**
 * The file store on any S3-protocol object storage (AWS S3, MinIO, Ceph RGW, Viettel/VNPT/FPT object storage), for
 * several stateless servers sharing one set of files. Content-addressed like the disk store: the key of a file is
 * `<prefix>sha256/<aa>/<bb>/<sha256>`, so a put is idempotent (the same bytes land on the same key; an existing key
 * is not written again) and a read is checked against its name.
 */
import { GetObjectCommand, HeadObjectCommand, ListObjectsV2Command, PutObjectCommand, S3Client, type S3ClientConfig } from '@aws-sdk/client-s3';
import { type FileStore, isSha256, sha256Hex } from './store.ts';

export interface S3StoreConfig {
  bucket: string;
  /** Endpoint URL for non-AWS storage (`https://s3.example.vn`); empty = AWS for the region. */
  endpoint: string;
  region: string;
  accessKeyId: string;
  secretAccessKey: string;
  /** Bucket in the path (`endpoint/bucket/key`) rather than the host name: what MinIO and most local storage need. */
  forcePathStyle: boolean;
  /** Put before every key (`motcua/`), so one bucket can hold several installations. */
  prefix: string;
}

export class S3FileStore implements FileStore {
  private readonly client: S3Client;
  private readonly keyPrefix: string;

  constructor(private readonly config: S3StoreConfig) {
    const options: S3ClientConfig = {
      region: config.region || 'us-east-1',
      forcePathStyle: config.forcePathStyle,
      // Checksums only where the API requires them: many S3-compatible servers reject the newer streaming trailers.
      requestChecksumCalculation: 'WHEN_REQUIRED',
      responseChecksumValidation: 'WHEN_REQUIRED',
    };
    if (config.endpoint) options.endpoint = config.endpoint;
    if (config.accessKeyId) options.credentials = { accessKeyId: config.accessKeyId, secretAccessKey: config.secretAccessKey };
    this.client = new S3Client(options);
    this.keyPrefix = `${config.prefix}sha256/`;
  }

  private keyOf(sha256: string): string {
    if (!isSha256(sha256)) throw new Error('invalid sha256');
    return `${this.keyPrefix}${sha256.slice(0, 2)}/${sha256.slice(2, 4)}/${sha256}`;
  }

  async put(bytes: Uint8Array): Promise<{ sha256: string; size: number }> {
    const sha256 = sha256Hex(bytes);
    if (!(await this.has(sha256))) {
      await this.client.send(
        new PutObjectCommand({
          Bucket: this.config.bucket,
          Key: this.keyOf(sha256),
          Body: bytes,
          ContentLength: bytes.byteLength,
          ContentType: 'application/octet-stream',
          Metadata: { sha256 },
        }),
      );
    }
    return { sha256, size: bytes.byteLength };
  }

  async get(sha256: string): Promise<Buffer> {
    const res = await this.client.send(new GetObjectCommand({ Bucket: this.config.bucket, Key: this.keyOf(sha256) }));
    if (!res.Body) throw new Error(`stored file ${sha256} has no body`);
    const data = Buffer.from(await res.Body.transformToByteArray());
    if (sha256Hex(data) !== sha256) throw new Error(`stored file ${sha256} is corrupted`);
    return data;
  }

  async has(sha256: string): Promise<boolean> {
    try {
      await this.client.send(new HeadObjectCommand({ Bucket: this.config.bucket, Key: this.keyOf(sha256) }));
      return true;
    } catch (err) {
      const e = err as { name?: string; $metadata?: { httpStatusCode?: number } };
      if (e.name === 'NotFound' || e.name === 'NoSuchKey' || e.$metadata?.httpStatusCode === 404) return false;
      throw err;
    }
  }

  async *list(): AsyncIterable<string> {
    let token: string | undefined;
    do {
      const page = await this.client.send(new ListObjectsV2Command({ Bucket: this.config.bucket, Prefix: this.keyPrefix, ContinuationToken: token }));
      for (const o of page.Contents ?? []) {
        const name = o.Key?.slice(o.Key.lastIndexOf('/') + 1) ?? '';
        if (isSha256(name)) yield name;
      }
      token = page.IsTruncated ? page.NextContinuationToken : undefined;
    } while (token);
  }

  close(): void {
    this.client.destroy();
  }
}
