/**
 * Dossier processing states, projected onto the national TrangThaiHoSo codes 1–10 (domain-and-law.md §3.3).
 * The payment, delivery and sync states are separate axes and live elsewhere.
 */
export const NationalStatus = {
  NEW: 1, // Mới đăng ký
  RECEIVED: 2, // Được tiếp nhận
  NOT_RECEIVED: 3, // Không được tiếp nhận
  PROCESSING: 4, // Đang xử lý
  SUPPLEMENT_REQUESTED: 5, // Yêu cầu bổ sung giấy tờ
  FINANCIAL_OBLIGATION: 6, // Yêu cầu thực hiện nghĩa vụ tài chính
  WITHDRAWAL_REQUESTED: 7, // Công dân yêu cầu rút hồ sơ
  STOPPED: 8, // Dừng xử lý
  RESULT_ISSUED: 9, // Đã xử lý xong
  RESULT_RETURNED: 10, // Đã trả kết quả
} as const;
export type NationalStatus = (typeof NationalStatus)[keyof typeof NationalStatus];

export const nationalStatusName: Record<NationalStatus, { vi: string; en: string }> = {
  1: { vi: 'Mới đăng ký', en: 'Newly submitted' },
  2: { vi: 'Được tiếp nhận', en: 'Received' },
  3: { vi: 'Không được tiếp nhận', en: 'Not received' },
  4: { vi: 'Đang xử lý', en: 'In progress' },
  5: { vi: 'Yêu cầu bổ sung giấy tờ', en: 'Supplement requested' },
  6: { vi: 'Yêu cầu thực hiện nghĩa vụ tài chính', en: 'Payment requested' },
  7: { vi: 'Công dân yêu cầu rút hồ sơ', en: 'Withdrawal requested' },
  8: { vi: 'Dừng xử lý', en: 'Stopped' },
  9: { vi: 'Đã xử lý xong', en: 'Result issued' },
  10: { vi: 'Đã trả kết quả', en: 'Result returned' },
};

/** States after which nothing but delivery can happen. */
export const terminalStatuses: ReadonlySet<NationalStatus> = new Set([3, 7, 8, 10] as NationalStatus[]);

/** Channels (KenhThucHien). */
export const Channel = { IN_PERSON: 1, ONLINE: 2, POST: 3 } as const;
export type Channel = (typeof Channel)[keyof typeof Channel];
