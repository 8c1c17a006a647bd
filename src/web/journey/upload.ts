/**
 * Uploads one file with progress reporting (XMLHttpRequest exposes upload progress; fetch does not). A refusal is
 * an ApiError with the server's code and its message in the interface language, like api() gives.
 */
import { ApiError, apiErrorOf, csrfToken } from '../api/client.ts';
import i18n from '../i18n/index.ts';
import '../i18n/journey.ts';

export interface UploadResult {
  id: string;
  name: string;
  mime: string;
  size: number;
  sha256: string;
}

export function uploadFile(file: File, onProgress: (fraction: number) => void): Promise<UploadResult> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', '/api/uploads');
    xhr.setRequestHeader('x-csrf-token', csrfToken());
    xhr.upload.onprogress = (e) => {
      if (e.lengthComputable) onProgress(e.loaded / e.total);
    };
    xhr.onload = () => {
      let body: { error?: { code: string; message: string } } & Partial<UploadResult> = {};
      try {
        body = JSON.parse(xhr.responseText);
      } catch {
        /* not JSON */
      }
      if (xhr.status === 201) resolve(body as UploadResult);
      else if (body.error) reject(apiErrorOf(xhr.status, body));
      else reject(new ApiError(xhr.status, 'UPLOAD_FAILED', i18n.t('journey.upload.failed')));
    };
    xhr.onerror = () => reject(new ApiError(0, 'NETWORK', i18n.t('journey.upload.network')));
    const form = new FormData();
    form.append('file', file);
    xhr.send(form);
  });
}
