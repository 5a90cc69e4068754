import {
  GetObjectCommand,
  ListObjectsV2Command,
  NoSuchKey,
  PutObjectCommand,
  S3Client,
  type S3ClientConfig,
} from '@aws-sdk/client-s3';
import { OpsledgerError } from '../errors/opsledger-error.js';
import type { ObjectStore } from './object-store.js';

/** `s3://BUCKET/PREFIX` → its parts; INPUT_INVALID for anything else. */
export function parseS3Url(url: string): { bucket: string; prefix: string } {
  const m = /^s3:\/\/([a-z0-9][a-z0-9.-]{1,61}[a-z0-9])(?:\/(.*))?$/.exec(url);
  if (!m) {
    throw new OpsledgerError('INPUT_INVALID', `${url}: expected s3://BUCKET/PREFIX`, {
      hint: 'For example s3://audit-archive/opsledger (docs/export.md).',
    });
  }
  const prefix = (m[2] ?? '').replace(/\/+$/, '');
  return { bucket: m[1]!, prefix: prefix === '' ? '' : `${prefix}/` };
}

/**
 * An S3 (or S3-compatible) store from the standard AWS environment: region from AWS_REGION / AWS_DEFAULT_REGION
 * (default us-east-1), credentials from the SDK's default chain, AWS_ENDPOINT_URL for another store (path-style
 * addressing then). Checksums only when the operation requires one, so stores without the newer checksum headers work.
 */
export function openS3Store(url: string, env: Readonly<Record<string, string | undefined>>): ObjectStore {
  const { bucket, prefix } = parseS3Url(url);
  const endpoint = env.AWS_ENDPOINT_URL_S3 ?? env.AWS_ENDPOINT_URL;
  const config: S3ClientConfig = {
    region: env.AWS_REGION ?? env.AWS_DEFAULT_REGION ?? 'us-east-1',
    requestChecksumCalculation: 'WHEN_REQUIRED',
    responseChecksumValidation: 'WHEN_REQUIRED',
    ...(endpoint ? { endpoint, forcePathStyle: true } : {}),
    ...(env.AWS_ACCESS_KEY_ID && env.AWS_SECRET_ACCESS_KEY
      ? {
          credentials: {
            accessKeyId: env.AWS_ACCESS_KEY_ID,
            secretAccessKey: env.AWS_SECRET_ACCESS_KEY,
            ...(env.AWS_SESSION_TOKEN ? { sessionToken: env.AWS_SESSION_TOKEN } : {}),
          },
        }
      : {}),
  };
  const client = new S3Client(config);
  const wrap = async <T>(what: string, fn: () => Promise<T>): Promise<T> => {
    try {
      return await fn();
    } catch (err) {
      if (err instanceof OpsledgerError) throw err;
      throw new OpsledgerError(
        'EXPORT_FAILED',
        `${what} ${url}: ${(err as Error).name}: ${(err as Error).message}`,
        {
          cause: err,
        },
      );
    }
  };
  return {
    location: url,
    get: (key) =>
      wrap(`cannot read ${key} from`, async () => {
        try {
          const out = await client.send(new GetObjectCommand({ Bucket: bucket, Key: prefix + key }));
          return Buffer.from(await out.Body!.transformToByteArray());
        } catch (err) {
          if (err instanceof NoSuchKey || (err as { name?: string }).name === 'NoSuchKey') return null;
          throw err;
        }
      }),
    put: (key, body, contentType) =>
      wrap(`cannot write ${key} to`, async () => {
        await client.send(
          new PutObjectCommand({ Bucket: bucket, Key: prefix + key, Body: body, ContentType: contentType }),
        );
      }),
    list: () =>
      wrap('cannot list', async () => {
        const keys: string[] = [];
        let token: string | undefined;
        do {
          const out = await client.send(
            new ListObjectsV2Command({ Bucket: bucket, Prefix: prefix, ContinuationToken: token }),
          );
          for (const o of out.Contents ?? []) if (o.Key) keys.push(o.Key.slice(prefix.length));
          token = out.IsTruncated ? out.NextContinuationToken : undefined;
        } while (token);
        return keys;
      }),
  };
}
