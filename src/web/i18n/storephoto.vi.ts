/** Deleting a photo copy from the personal store (key `storephoto`): only the store page loads it. */
export const storephotoVi = {
  delete: 'Xoá',
  deleteAsk:
    'Xoá bản chụp này khỏi Kho dữ liệu? Ảnh và các thông tin đã xác nhận sẽ bị xoá. Hồ sơ đã nộp có dùng bản chụp này không bị ảnh hưởng (khi đó không xoá được).',
  deleteYes: 'Xoá bản chụp',
  deleteNo: 'Không xoá',
  deleting: 'Đang xoá…',
  deleted: 'Đã xoá bản chụp "{{title}}" khỏi Kho dữ liệu.',
  deleteError: 'Không xoá được bản chụp. Vui lòng thử lại.',
};
