/** ChucDanh of a processing step: the actor's role at that step, as the portal shows it. */
export const ROLE_LABELS: Record<string, string> = {
  reception: 'Cán bộ tiếp nhận (Bộ phận Một cửa)',
  specialist: 'Chuyên viên xử lý',
  leader: 'Lãnh đạo phê duyệt',
  clerk: 'Văn thư',
  applicant: 'Người nộp hồ sơ',
  payment_gateway: 'Cổng thanh toán',
};
