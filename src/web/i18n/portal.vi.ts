/** Vietnamese strings of the phone-first portal frame and journey controls (issue 18, items 2 and 7). */
export const portalVi = {
  portal: {
    identity: 'Dịch vụ công trực tuyến',
    menu: 'Menu',
    help: {
      title: 'Cần hỗ trợ?',
      hotline: 'Đường dây nóng:',
      phone: 'Điện thoại:',
    },
    upload: {
      camera: 'Chụp ảnh',
      choose: 'Chọn tệp',
      progress: 'Đã tải {{percent}}%',
      wrongType: 'Tệp “{{file}}” không phải PDF, JPEG hoặc PNG. Hãy chụp lại hoặc chọn tệp khác.',
      tooLarge: 'Tệp “{{file}}” nặng {{size}}, vượt quá 10 MB. Hãy chụp lại với chất lượng thấp hơn hoặc chọn tệp khác.',
    },
    documents: {
      optional: 'Không bắt buộc',
    },
    date: {
      format: 'Nhập theo dạng ngày/tháng/năm, ví dụ 25/11/2026.',
      placeholder: 'dd/mm/yyyy',
      calendar: 'Chọn ngày trên lịch',
      noSuchDay: 'Không có ngày {{day}}/{{month}}/{{year}}: tháng {{month}} năm {{year}} chỉ có {{lastDay}} ngày.',
      noSuchMonth: 'Không có tháng {{month}}: tháng phải từ 1 đến 12.',
      incomplete: '“{{text}}” chưa phải là một ngày: hãy nhập đủ ngày/tháng/năm, ví dụ 25/11/2026.',
    },
    prefill: {
      lockedShort: 'lấy từ cơ sở dữ liệu, không sửa được ở đây',
      lockedHow:
        'Các mục có biểu tượng ổ khóa không sửa được ở đây. Nếu thông tin chưa đúng, hãy đề nghị Công an xã nơi bạn cư trú điều chỉnh trong Cơ sở dữ liệu quốc gia về dân cư, rồi nộp lại hồ sơ.',
    },
    review: {
      expandAll: 'Mở tất cả',
      fieldsCount: '{{count}} mục',
      documentsAttached: '{{count}} giấy tờ đã đính kèm',
      documentsMissing: 'còn thiếu {{count}} giấy tờ bắt buộc',
      details: 'Thông tin chi tiết',
    },
    howTo: {
      title: 'Hướng dẫn',
      form: 'Kiểm tra các thông tin đã điền sẵn và điền những mục còn trống. Hồ sơ được lưu nháp tự động: bạn có thể dừng lại và tiếp tục sau.',
      documents:
        'Với mỗi giấy tờ, bấm “Chụp ảnh” để chụp bằng điện thoại (đặt giấy tờ trên nền phẳng, đủ sáng, chụp thẳng và rõ chữ) hoặc “Chọn tệp” để chọn ảnh, tệp PDF có sẵn.',
      contact: 'Số điện thoại dùng để cơ quan báo kết quả và liên hệ khi cần bổ sung hồ sơ. Chọn cách bạn muốn nhận kết quả.',
      review: 'Xem lại từng nhóm thông tin (bấm vào tên nhóm để mở), sửa nếu cần, rồi bấm “Nộp hồ sơ”. Sau khi nộp, bạn sẽ nhận được mã hồ sơ để tra cứu.',
    },
    receipt: {
      print: 'In giấy tiếp nhận',
    },
    english: {
      viOnly: 'Some content of this procedure (names, forms, documents) is available only in Vietnamese.',
      viOnlyAll: "This procedure's content is available in Vietnamese only.",
    },
    dossier: {
      nextStep: 'Bước tiếp theo',
      submitted: 'Thông tin đã nộp',
      submittedDocuments: 'Giấy tờ đã nộp',
      noDocuments: 'Không có giấy tờ kèm theo.',
      withdrawSection: 'Rút hồ sơ',
      next: {
        '1': 'Cán bộ tiếp nhận kiểm tra hồ sơ của bạn trong giờ hành chính và báo cho bạn khi hồ sơ được tiếp nhận.',
        '2': 'Hồ sơ đã được tiếp nhận và đang được chuyển cho bộ phận giải quyết. Bạn không cần làm gì thêm.',
        '3': 'Hồ sơ không được tiếp nhận: xem lý do trong tiến trình bên dưới. Bạn có thể nộp hồ sơ mới khi đã đủ điều kiện.',
        '4': 'Hồ sơ đang được giải quyết. Bạn sẽ được báo khi có kết quả hoặc khi cần bổ sung.',
        '5': 'Cơ quan yêu cầu bổ sung giấy tờ: gửi giấy tờ trong mục bên dưới để hồ sơ được tiếp tục giải quyết.',
        '6': 'Hãy nộp phí, lệ phí trong mục thanh toán bên dưới để hồ sơ được tiếp tục giải quyết.',
        '7': 'Cơ quan đang xem yêu cầu rút hồ sơ của bạn.',
        '8': 'Hồ sơ đã dừng xử lý: xem lý do trong tiến trình bên dưới.',
        '9': 'Đã có kết quả: tải kết quả điện tử bên dưới, hoặc nhận tại nơi bạn đã chọn.',
        '10': 'Bạn đã nhận kết quả. Hãy đánh giá mức độ hài lòng để giúp cơ quan phục vụ tốt hơn.',
      },
    },
    fee: {
      freeWhen: 'Miễn phí nếu {{condition}}',
      freeInSomeCases: 'Miễn phí trong một số trường hợp',
    },
  },
};
export type PortalMessages = typeof portalVi;
