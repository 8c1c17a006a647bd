/** Realistic Vietnamese data for the form tests (the demo deployment of Xã Phú Riềng, Tỉnh Đồng Nai). */
import type { AgencyInfo, ApplicantInfo, DossierFormBase, IssueInfo, OfficialInfo } from './types.ts';

export const PUBLIC_URL = 'https://dichvucong.example.vn';

export const agency: AgencyInfo = {
  name: 'Trung tâm Phục vụ hành chính công xã Phú Riềng',
  parentName: 'Ủy ban nhân dân xã Phú Riềng',
  code: '000.01.52.H19',
  address: 'Xã Phú Riềng, tỉnh Đồng Nai',
  phone: '0271 3000 252',
  email: 'ttpvhcc.phurieng@dongnai.gov.vn',
};

export const applicant: ApplicantInfo = {
  name: 'Trần Thị Mai',
  idNumber: '070195012346',
  honorific: 'Bà',
  address: 'Thôn Phú Thịnh, xã Phú Riềng, tỉnh Đồng Nai',
  phone: '0912 345 678',
  email: 'tranthimai@example.vn',
};

/** 05/03/2026 10:15 Vietnam time. */
export const issuedAt = new Date('2026-03-05T03:15:00Z');

export const issue: IssueInfo = { issuedAt, place: 'Phú Riềng', number: '15/PYCBS', publicUrl: PUBLIC_URL };

export const receptionOfficer: OfficialInfo = { name: 'Nguyễn Thị Hoa', title: 'Công chức tiếp nhận hồ sơ' };
export const leader: OfficialInfo = { name: 'Lê Văn Đức', title: 'Phó Chủ tịch', capacity: 'KT. Chủ tịch' };

export const base: DossierFormBase = {
  agency,
  issue,
  applicant,
  dossier: {
    code: '000.01.52.H19-260302-0007',
    procedureCode: '1.001193',
    procedureName: 'Đăng ký khai sinh',
    caseName: 'Đăng ký khai sinh đúng hạn',
    submittedAt: new Date('2026-03-02T01:40:00Z'),
    receivedAt: new Date('2026-03-02T02:05:00Z'),
  },
};
