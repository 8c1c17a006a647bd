/** Name pools for synthetic residents (common Vietnamese names; weights approximate real frequencies). */
export const familyNames: [string, number][] = [
  ['Nguyễn', 38], ['Trần', 11], ['Lê', 9.5], ['Phạm', 7], ['Hoàng', 4], ['Huỳnh', 3], ['Phan', 4.5], ['Vũ', 3.9], ['Võ', 3],
  ['Đặng', 2.1], ['Bùi', 2], ['Đỗ', 1.4], ['Hồ', 1.3], ['Ngô', 1.3], ['Dương', 1], ['Lý', 0.5], ['Trương', 1], ['Đinh', 0.8],
  ['Lâm', 0.6], ['Mai', 0.5], ['Tô', 0.3], ['Hà', 0.4], ['Điểu', 0.6], ['Thị', 0.1],
];
export const maleMiddle = ['Văn', 'Văn', 'Văn', 'Đức', 'Minh', 'Quang', 'Hữu', 'Công', 'Thanh', 'Ngọc', 'Xuân', 'Tuấn', 'Hoàng', 'Trọng', 'Quốc', 'Gia', 'Anh'];
export const femaleMiddle = ['Thị', 'Thị', 'Thị', 'Thị', 'Ngọc', 'Thu', 'Thanh', 'Kim', 'Minh', 'Thùy', 'Mỹ', 'Phương', 'Hồng', 'Bảo', 'Khánh'];
export const maleGiven = [
  'Hùng', 'Dũng', 'Tuấn', 'Minh', 'Nam', 'Long', 'Phong', 'Huy', 'Khang', 'Bảo', 'Phúc', 'Thành', 'Trung', 'Hải', 'Sơn', 'Tùng', 'Quân',
  'Đạt', 'Khoa', 'Vinh', 'Lộc', 'Tài', 'Hiếu', 'Nhân', 'Thắng', 'Toàn', 'Tâm', 'Tú', 'Hưng', 'Kiên', 'An', 'Duy', 'Đức', 'Thịnh', 'Tư', 'Sang',
];
export const femaleGiven = [
  'Mai', 'Lan', 'Hoa', 'Hương', 'Linh', 'Trang', 'Thảo', 'Ngọc', 'Hà', 'Anh', 'Nhung', 'Yến', 'Vy', 'Nhi', 'Hạnh', 'Phương', 'Quỳnh', 'Tuyết',
  'Hằng', 'Thủy', 'Loan', 'Dung', 'Trinh', 'Uyên', 'Châu', 'Giang', 'My', 'Diễm', 'Oanh', 'Thu', 'Xuân', 'Hiền', 'Tâm', 'An', 'Như', 'Hồng',
];
export const ethnicities: [string, number][] = [['Kinh', 88], ['Stiêng', 4], ['Tày', 2], ['Nùng', 2.5], ['Hoa', 2], ['Khmer', 1], ['Mường', 0.5]];
export const religions: [string, number][] = [['Không', 70], ['Phật giáo', 13], ['Công giáo', 14], ['Tin lành', 2], ['Cao Đài', 1]];
export const bloodTypes: [string, number][] = [['O', 42], ['A', 21], ['B', 30], ['AB', 7]];
export const mobilePrefixes = ['032', '033', '034', '035', '036', '037', '038', '039', '086', '096', '097', '098', '088', '091', '094', '083', '084', '085', '070', '076', '077', '078', '079', '089', '090', '093', '056', '058'];
