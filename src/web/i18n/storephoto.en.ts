import type { storephotoVi } from './storephoto.vi.ts';

export const storephotoEn: typeof storephotoVi = {
  delete: 'Delete',
  deleteAsk:
    'Delete this photo copy from your store? The photo and the items you confirmed will be deleted. An application already submitted with it is not affected (it then cannot be deleted).',
  deleteYes: 'Delete the photo copy',
  deleteNo: 'Keep it',
  deleting: 'Deleting…',
  deleted: 'The photo copy "{{title}}" was deleted from your store.',
  deleteError: 'The photo copy could not be deleted. Please try again.',
};
