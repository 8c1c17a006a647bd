/**
 * The portal's own upload control (issue 18, point 4): "Chụp ảnh" opens the phone's camera (accept="image/*",
 * capture="environment"), "Chọn tệp" the file chooser; both are 44 px buttons in the interface language, not the
 * browser's own "Choose File". The file inputs stay in the page (out of the tab order, hidden from screen readers)
 * so the buttons are the only controls a person meets. A file of the wrong kind or too large is refused here, in
 * the interface language, before anything is sent; progress is shown as a bar and a percentage.
 */
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { CameraIcon, FileIcon } from '../components/icons.tsx';

export const UPLOAD_ACCEPT = 'application/pdf,image/jpeg,image/png';
const ACCEPTED_TYPES = UPLOAD_ACCEPT.split(',');
/** The server's default limit (config.maxUploadBytes, 10 MB); the server still checks its own. */
export const UPLOAD_MAX_BYTES = 10 * 1024 * 1024;

/** A file size as people read it: "850 KB", "2,4 MB" (Vietnamese decimal comma) or "2.4 MB". */
export function formatFileSize(bytes: number, lang: string): string {
  if (bytes < 1024 * 1024) return `${Math.max(1, Math.round(bytes / 1024))} KB`;
  const mb = (bytes / (1024 * 1024)).toFixed(1);
  return `${lang === 'en' ? mb : mb.replace('.', ',')} MB`;
}

/** Why a chosen file is refused before upload, or null when it may be sent. */
export function fileProblem(file: { type: string; size: number }): 'type' | 'size' | null {
  // Camera pictures are JPEG on every phone we know; a HEIC photo is refused with a clear message.
  if (!ACCEPTED_TYPES.includes(file.type)) return 'type';
  if (file.size > UPLOAD_MAX_BYTES) return 'size';
  return null;
}

export function UploadControl({
  id,
  name,
  progress,
  onFile,
}: {
  /** The id of the "Chọn tệp" input (`f-doc-<code>`: error summaries link here). */
  id: string;
  /** What the file is for, said with each button to screen readers. */
  name: string;
  /** 0…1 while uploading. */
  progress: number | undefined;
  onFile: (file: File) => void;
}) {
  const { t, i18n } = useTranslation();
  const camera = useRef<HTMLInputElement>(null);
  const chooser = useRef<HTMLInputElement>(null);
  const [refused, setRefused] = useState<string | null>(null);
  const busy = progress !== undefined;
  const take = (input: HTMLInputElement) => {
    const file = input.files?.[0];
    input.value = '';
    if (!file) return;
    const problem = fileProblem(file);
    if (problem) {
      setRefused(
        problem === 'type'
          ? t('portal.upload.wrongType', { file: file.name })
          : t('portal.upload.tooLarge', { file: file.name, size: formatFileSize(file.size, i18n.language) }),
      );
      return;
    }
    setRefused(null);
    onFile(file);
  };
  return (
    <div className="upload-control" data-testid={`upload-${id}`}>
      <input
        ref={camera}
        id={`${id}-camera`}
        type="file"
        accept="image/*"
        capture="environment"
        className="upload-input"
        tabIndex={-1}
        aria-hidden="true"
        onChange={(e) => take(e.currentTarget)}
      />
      <input
        ref={chooser}
        id={id}
        type="file"
        accept={UPLOAD_ACCEPT}
        className="upload-input"
        tabIndex={-1}
        aria-hidden="true"
        onChange={(e) => take(e.currentTarget)}
      />
      <div className="upload-buttons">
        <button type="button" className="button button-secondary upload-button" disabled={busy} onClick={() => camera.current?.click()}>
          <CameraIcon />
          {t('portal.upload.camera')}
          <span className="visually-hidden">: {name}</span>
        </button>
        <button type="button" className="button button-secondary upload-button" disabled={busy} onClick={() => chooser.current?.click()}>
          <FileIcon />
          {t('portal.upload.choose')}
          <span className="visually-hidden">: {name}</span>
        </button>
      </div>
      {busy && (
        <p className="upload-progress" role="status">
          <progress max={1} value={progress} aria-label={t('journey.documents.uploading', { name })} />{' '}
          {t('portal.upload.progress', { percent: Math.round((progress ?? 0) * 100) })}
        </p>
      )}
      {refused && (
        <p className="field-error" role="alert">
          {refused}
        </p>
      )}
    </div>
  );
}
