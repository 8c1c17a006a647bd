/**
 * The error codes the server answers with: every code, its HTTP status, and its message in Vietnamese and English.
 *
 * An error on the wire is `{ "error": { "code", "message", "params"?, "details"? } }`:
 * - `code` is one of the keys below (stable: clients decide on it, never on the message);
 * - `message` is the server's Vietnamese message — the template below with the params filled in, or a more precise
 *   sentence of the same meaning written where the error is raised;
 * - `params` holds the values of the placeholders (`{day}`, `{count}`, …) of the templates below;
 * - `details` carries structured data (the issues of a VALIDATION_FAILED, the problems of a SUBMISSION_INVALID, …).
 *
 * The browser shows `message` in Vietnamese and builds the English message from the code and the params
 * (`errorMessage`), falling back to the server's Vietnamese message for a code it does not know.
 * A test scans src/server for every code raised and refuses one missing here; in tests the server also checks
 * each error it sends (registered code, status, params) against this registry.
 *
 * Plain data (no zod, no server code): the web app imports it at run time.
 */
import { nationalStatusName, type NationalStatus } from '../core/dossiers/status.ts';

export interface ErrorEntry {
  /** The HTTP status of the answer. */
  status: number;
  /** Other statuses the same code is answered with, where the context decides (documented in OpenAPI). */
  alsoStatus?: readonly number[];
  /** Vietnamese message; `{name}` is replaced by params.name. */
  vi: string;
  /** English message; the server sends the values of its placeholders in `params`. */
  en: string;
}

export const ERRORS = {
  // --- The HTTP layer: input, session, limits, the contract itself ---------------------------------------------
  VALIDATION_FAILED: {
    status: 400,
    vi: 'Dữ liệu gửi lên không hợp lệ. Vui lòng kiểm tra lại các trường được đánh dấu.',
    en: 'Some of the data sent is not valid. Please check the highlighted fields.',
  },
  MALFORMED_JSON: { status: 400, vi: 'Dữ liệu gửi lên không phải JSON hợp lệ.', en: 'The data sent is not valid JSON.' },
  BAD_REQUEST: { status: 400, alsoStatus: [405, 406, 411, 414, 416, 431], vi: 'Yêu cầu không hợp lệ.', en: 'The request is not valid.' },
  NUL_CHARACTER: {
    status: 400,
    vi: 'Dữ liệu gửi lên chứa ký tự không hợp lệ (ký tự NUL). Vui lòng kiểm tra lại.',
    en: 'The data sent contains an invalid character (NUL). Please check it.',
  },
  MALFORMED_MULTIPART: {
    status: 400,
    vi: 'Tệp gửi lên không đúng định dạng multipart/form-data (thiếu ranh giới hoặc bị cắt ngang). Vui lòng gửi lại.',
    en: 'The upload is not valid multipart/form-data (no boundary, or cut short). Please send it again.',
  },
  PAYLOAD_TOO_LARGE: { status: 413, vi: 'Dữ liệu gửi lên vượt quá dung lượng cho phép.', en: 'The data sent is larger than allowed.' },
  UNSUPPORTED_MEDIA_TYPE: { status: 415, vi: 'Định dạng dữ liệu gửi lên không được hỗ trợ.', en: 'The format of the data sent is not supported.' },
  NOT_READY: {
    status: 503,
    vi: 'Máy chủ chưa sẵn sàng nhận yêu cầu (đang khởi động, đang dừng, hoặc mất kết nối cơ sở dữ liệu).',
    en: 'This server is not ready to take requests (starting, stopping, or without its database).',
  },
  RATE_LIMITED: {
    status: 429,
    vi: 'Bạn đã thử quá nhiều lần. Vui lòng thử lại sau {seconds} giây.',
    en: 'Too many attempts. Please try again in {seconds} seconds.',
  },
  NOT_FOUND: { status: 404, vi: 'Không tìm thấy dữ liệu yêu cầu.', en: 'The requested item was not found.' },
  UNAUTHENTICATED: { status: 401, vi: 'Bạn cần đăng nhập để thực hiện thao tác này.', en: 'Please log in to do this.' },
  FORBIDDEN: { status: 403, vi: 'Bạn không có quyền thực hiện thao tác này.', en: 'You are not allowed to do this.' },
  CSRF_INVALID: {
    status: 403,
    vi: 'Yêu cầu không hợp lệ hoặc phiên làm việc đã thay đổi. Vui lòng tải lại trang và thử lại.',
    en: 'The request is not valid or your session has changed. Please reload the page and try again.',
  },
  // --- Notifications (docs/notifications.md) ------------------------------------------------------------------
  NOTIFICATION_TEMPLATE_INVALID: { status: 422, vi: 'Mẫu thông báo không hợp lệ.', en: 'The notification template is not valid.' },
  RECEIPT_SIGNATURE_INVALID: { status: 401, vi: 'Chữ ký của báo nhận không hợp lệ.', en: 'The delivery receipt signature is not valid.' },
  RECEIPT_MALFORMED: { status: 400, vi: 'Báo nhận không đúng định dạng.', en: 'The delivery receipt is malformed.' },
  RECEIPT_UNKNOWN_MESSAGE: { status: 404, vi: 'Không có tin nhắn nào với mã này.', en: 'No message has this id.' },
  NOTIFICATION_NOT_RESENDABLE: { status: 409, vi: 'Chỉ gửi lại được thông báo đã thất bại.', en: 'Only a failed notification can be sent again.' },
  CONTACT_INVALID: { status: 422, vi: 'Số điện thoại hoặc địa chỉ thư điện tử không hợp lệ.', en: 'The phone number or e-mail address is not valid.' },
  CONFIRMATION_CODE_WRONG: { status: 422, vi: 'Mã xác nhận không đúng.', en: 'The confirmation code is wrong.' },
  CONFIRMATION_EXPIRED: {
    status: 410,
    vi: 'Mã xác nhận đã hết hạn hoặc đã được dùng. Hãy yêu cầu mã mới.',
    en: 'The confirmation code has expired or was used. Ask for a new one.',
  },
  CONFIRMATION_TOO_MANY_ATTEMPTS: { status: 429, vi: 'Đã nhập sai mã quá nhiều lần. Hãy yêu cầu mã mới.', en: 'Too many wrong codes. Ask for a new one.' },
  CONFIRMATION_LIMIT: {
    status: 429,
    vi: 'Bạn đã yêu cầu quá nhiều mã xác nhận. Vui lòng thử lại sau một giờ.',
    en: 'You asked for too many confirmation codes. Please try again in an hour.',
  },
  INTERNAL: { status: 500, vi: 'Hệ thống gặp sự cố. Vui lòng thử lại sau.', en: 'Something went wrong on our side. Please try again later.' },
  RESPONSE_CONTRACT_VIOLATION: {
    status: 500,
    vi: 'Câu trả lời của máy chủ không đúng với đặc tả API (chỉ kiểm tra trong môi trường kiểm thử).',
    en: 'The server answer does not match the API contract (checked in tests only).',
  },

  // --- Citizen login (OpenID Connect with the national e-ID) -------------------------------------------------
  OIDC_STATE_MISMATCH: {
    status: 400,
    vi: 'Phiên đăng nhập không hợp lệ, đã được sử dụng hoặc đã hết hạn (quá 10 phút). Vui lòng đăng nhập lại.',
    en: 'This login attempt is not valid, was already used or has expired (after 10 minutes). Please log in again.',
  },
  OIDC_LOGIN_CANCELLED: {
    status: 400,
    vi: 'Bạn đã huỷ đăng nhập bằng tài khoản định danh điện tử.',
    en: 'You cancelled the login with your electronic identity account.',
  },
  OIDC_PROVIDER_ERROR: {
    status: 502,
    vi: 'Hệ thống định danh điện tử từ chối yêu cầu đăng nhập. Vui lòng thử lại.',
    en: 'The electronic identity system refused the login request. Please try again.',
  },
  OIDC_PROVIDER_UNAVAILABLE: {
    status: 503,
    vi: 'Không kết nối được hệ thống định danh điện tử. Vui lòng thử lại sau ít phút.',
    en: 'The electronic identity system cannot be reached. Please try again in a few minutes.',
  },
  OIDC_TOKEN_INVALID: {
    status: 401,
    vi: 'Không xác thực được thông tin đăng nhập nhận từ hệ thống định danh điện tử. Vui lòng đăng nhập lại.',
    en: 'The login data received from the electronic identity system could not be verified. Please log in again.',
  },
  OIDC_CLAIMS_MISSING: {
    status: 502,
    vi: 'Hệ thống định danh điện tử không cung cấp đủ thông tin (số định danh cá nhân, họ và tên) để đăng nhập.',
    en: 'The electronic identity system did not provide enough information (personal identification number, full name) to log in.',
  },

  // --- Official accounts -----------------------------------------------------------------------------------------
  INVALID_CREDENTIALS: { status: 401, vi: 'Tên đăng nhập hoặc mật khẩu không đúng.', en: 'Wrong username or password.' },
  ACCOUNT_DISABLED: {
    status: 403,
    vi: 'Tài khoản đã bị vô hiệu hóa. Vui lòng liên hệ quản trị.',
    en: 'This account has been deactivated. Please contact the administrator.',
  },
  ACCOUNT_LOCKED: {
    status: 423,
    vi: 'Tài khoản tạm khóa do nhập sai nhiều lần. Vui lòng thử lại sau {minutes} phút hoặc liên hệ quản trị.',
    en: 'The account is locked after repeated failed attempts. Please try again in {minutes} minutes or contact the administrator.',
  },
  TOTP_REQUIRED: { status: 401, vi: 'Vui lòng nhập mã xác thực 6 số từ ứng dụng xác thực.', en: 'Please enter the 6-digit code from your authenticator app.' },
  TOTP_INVALID: {
    status: 400,
    alsoStatus: [401],
    vi: 'Mã xác thực không đúng hoặc đã hết hạn.',
    en: 'The verification code is wrong or has expired.',
  },
  WEAK_PASSWORD: {
    status: 400,
    vi: 'Mật khẩu phải có ít nhất 10 ký tự, gồm cả chữ và số.',
    en: 'The password must have at least 10 characters, with both letters and digits.',
  },

  // --- Administration: units, officials, calendar, working time ---------------------------------------------------
  OUT_OF_SCOPE: { status: 403, vi: '{what} nằm ngoài phạm vi quản trị của bạn.', en: 'This is outside the units you administer.' },
  RESERVED_ROLE: {
    status: 403,
    vi: 'Chỉ quản trị hệ thống được cấp vai trò "{roleName}".',
    en: 'Only a system administrator may grant the role "{role}".',
  },
  SELF_CHANGE_FORBIDDEN: {
    status: 403,
    vi: 'Bạn không thể tự thay đổi vai trò, mật khẩu, xác thực hai lớp hoặc trạng thái tài khoản của chính mình; hãy đề nghị một quản trị khác.',
    en: 'You cannot change your own roles, password, two-factor authentication or account status; please ask another administrator.',
  },
  USERNAME_TAKEN: { status: 409, vi: 'Tên đăng nhập {username} đã được sử dụng.', en: 'The username {username} is already taken.' },
  ALREADY_ACTIVE: { status: 409, vi: 'Tài khoản đang hoạt động.', en: 'The account is already active.' },
  ALREADY_INACTIVE: { status: 409, vi: 'Tài khoản đã bị vô hiệu hóa trước đó.', en: 'The account was already deactivated.' },
  ACCOUNT_NOT_LOCKED: { status: 409, vi: 'Tài khoản không bị khóa.', en: 'The account is not locked.' },
  TOTP_ALREADY_ENABLED: {
    status: 409,
    vi: 'Tài khoản đã bật xác thực hai lớp; hãy tắt trước khi đăng ký lại.',
    en: 'Two-factor authentication is already on for this account; turn it off before enrolling again.',
  },
  TOTP_ENROLMENT_NOT_FOUND: {
    status: 409,
    vi: 'Không có yêu cầu đăng ký xác thực hai lớp còn hiệu lực; hãy bắt đầu lại.',
    en: 'There is no pending two-factor enrolment; please start again.',
  },
  TOTP_NOT_ENABLED: { status: 409, vi: 'Tài khoản chưa bật xác thực hai lớp.', en: 'Two-factor authentication is not on for this account.' },
  UNIT_NOT_FOUND: {
    status: 404,
    alsoStatus: [400],
    vi: 'Đơn vị {id} không tồn tại.',
    en: 'Unit {id} does not exist.',
  },
  UNIT_NOT_CONFIGURED: {
    status: 409,
    vi: 'Chưa cấu hình đơn vị cần thiết (cơ quan ban hành kết quả, nơi tiếp nhận mặc định). Vui lòng báo quản trị hệ thống.',
    en: 'A required unit is not configured (the issuing agency, the default place of receipt). Please tell the system administrator.',
  },
  UNIT_EXISTS: { status: 409, vi: 'Đã có đơn vị mã {id}.', en: 'A unit with the code {id} already exists.' },
  UNIT_CLOSED: { status: 409, vi: 'Đơn vị {id} đã giải thể từ {date}.', en: 'Unit {id} was closed on {date}.' },
  UNIT_CYCLE: { status: 400, vi: 'Không thể đặt đơn vị làm cấp dưới của chính nó.', en: 'A unit cannot be placed below itself.' },
  UNIT_HAS_OPEN_CHILDREN: {
    status: 409,
    vi: 'Đơn vị còn đơn vị cấp dưới đang hoạt động ({children}); hãy chuyển hoặc giải thể trước.',
    en: 'The unit still has open units below it ({children}); move or close them first.',
  },
  UNIT_HAS_MEMBERS: {
    status: 409,
    vi: 'Đơn vị còn {count} cán bộ đang hoạt động; hãy phân công lại vai trò của họ trước khi giải thể.',
    en: 'The unit still has {count} active officials; reassign their roles before closing it.',
  },
  UNIT_IS_DEFAULT: {
    status: 409,
    vi: 'Đây là nơi tiếp nhận mặc định của hệ thống; không giải thể được.',
    en: 'This is the installation’s default place of receipt; it cannot be closed.',
  },
  INVALID_CLOSE_DATE: {
    status: 400,
    vi: 'Ngày giải thể phải từ ngày đơn vị bắt đầu hoạt động ({from}) đến hôm nay.',
    en: 'The closing date must be between the day the unit opened ({from}) and today.',
  },
  INVALID_SUCCESSOR: { status: 400, vi: 'Đơn vị kế thừa phải là đơn vị khác.', en: 'The successor must be another unit.' },
  AGENCY_CODE_TAKEN: {
    status: 409,
    vi: 'Mã định danh {code} đang được đơn vị {unitId} sử dụng.',
    en: 'The agency code {code} is already used by unit {unitId}.',
  },
  ADMIN_UNIT_NOT_FOUND: { status: 400, vi: 'Không có đơn vị hành chính mã {code}.', en: 'There is no administrative unit with the code {code}.' },
  ADMIN_UNIT_OUTSIDE_PROVINCE: {
    status: 400,
    vi: 'Đơn vị hành chính {code} không thuộc tỉnh của hệ thống.',
    en: 'The administrative unit {code} is not in the installation’s province.',
  },
  CALENDAR_DAY_EXISTS: {
    status: 409,
    vi: 'Ngày {day} đã có trong lịch ({name}); hãy sửa ngày đó.',
    en: '{day} is already in the calendar ({name}); edit that day instead.',
  },
  CALENDAR_DAY_FROM_RULES: {
    status: 409,
    vi: 'Ngày {day} được sinh từ quy tắc ngày nghỉ (data/holidays.json) và sẽ được sinh lại; hãy sửa quy tắc hoặc quyết định của năm trong tệp đó.',
    en: '{day} comes from the holiday rules (data/holidays.json) and would be generated again; change the rule or the year’s decision in that file.',
  },
  MAKEUP_DAY_NOT_WEEKEND: {
    status: 400,
    vi: 'Ngày làm bù phải là thứ Bảy hoặc Chủ nhật; {day} là ngày làm việc bình thường.',
    en: 'A make-up working day must be a Saturday or a Sunday; {day} is an ordinary working day.',
  },
  DAY_OFF_ON_WEEKEND: {
    status: 400,
    vi: 'Ngày {day} là ngày nghỉ hằng tuần; ngày nghỉ bù, nghỉ hoán đổi phải là ngày thứ Hai đến thứ Sáu.',
    en: '{day} is a weekly day off; a compensatory day off must be a Monday to Friday.',
  },
  WORKING_TIME_INVALID: {
    status: 400,
    vi: 'Các khoảng giờ làm việc phải theo thứ tự trong ngày, không chồng lên nhau, và giờ kết thúc sau giờ bắt đầu.',
    en: 'Working-hour intervals must be in order, must not overlap, and each must end after it starts.',
  },
  CUTOFF_OUTSIDE_HOURS: {
    status: 400,
    vi: 'Mốc giờ nhận hồ sơ trả trong ngày phải nằm trong giờ làm việc.',
    en: 'The same-day cut-off time must be within working hours.',
  },

  // --- Catalogue -------------------------------------------------------------------------------------------------
  PROCEDURE_EXISTS: {
    status: 409,
    vi: 'Thủ tục mã {code} đã có; hãy tạo phiên bản mới bằng chức năng sửa.',
    en: 'A procedure with the code {code} already exists; create a new version by editing it.',
  },
  CODE_MISMATCH: { status: 400, vi: 'Mã thủ tục trong nội dung không khớp với địa chỉ.', en: 'The procedure code in the body does not match the address.' },
  CASE_NOT_FOUND: {
    status: 404,
    alsoStatus: [409],
    vi: 'Không tìm thấy trường hợp đã chọn của thủ tục.',
    en: 'The chosen case of the procedure was not found.',
  },
  CASE_REQUIRED: {
    status: 422,
    vi: 'Vui lòng chọn trường hợp của thủ tục.',
    en: 'Please choose the case of the procedure.',
  },
  NO_EFORM: {
    status: 422,
    vi: 'Thủ tục này chưa có biểu mẫu điện tử để nộp trực tuyến.',
    en: 'This procedure has no electronic form for online submission yet.',
  },

  // --- Uploads and files -----------------------------------------------------------------------------------------
  UPLOAD_NOT_MULTIPART: {
    status: 400,
    vi: 'Vui lòng gửi tệp dưới dạng multipart/form-data với trường "file".',
    en: 'Please send the file as multipart/form-data in the field "file".',
  },
  UPLOAD_MISSING_FILE: { status: 400, vi: 'Chưa có tệp nào được gửi lên.', en: 'No file was sent.' },
  FILE_TOO_LARGE: {
    status: 413,
    vi: 'Tệp vượt quá dung lượng cho phép (tối đa {maxSize}).',
    en: 'The file is larger than allowed (at most {maxSize}).',
  },
  FILE_EMPTY: { status: 400, vi: 'Tệp rỗng, vui lòng chọn lại tệp.', en: 'The file is empty; please choose another file.' },
  FILE_TYPE_NOT_ALLOWED: {
    status: 415,
    vi: 'Tệp "{name}" không phải {accepted}. Hệ thống kiểm tra nội dung tệp, không dựa vào tên tệp.',
    en: 'The file "{name}" is not {accepted}. The content of the file is checked, not its name.',
  },
  NOT_A_PDF: {
    status: 415,
    vi: 'Tệp không phải PDF. Kết quả điện tử là tệp PDF có chữ ký số.',
    en: 'The file is not a PDF. An electronic result is a digitally signed PDF file.',
  },

  // --- Drafts, submission, the citizen's dossiers ----------------------------------------------------------------
  DRAFT_CLOSED: { status: 409, vi: 'Hồ sơ nháp đã hết hạn hoặc đã được nộp.', en: 'This draft has expired or has already been submitted.' },
  DRAFT_CONFLICT: {
    status: 409,
    vi: 'Hồ sơ nháp vừa được thay đổi ở nơi khác (thiết bị hoặc thẻ khác). Đã tải lại bản mới nhất.',
    en: 'The draft was just changed elsewhere (another device or tab). The latest version has been loaded.',
  },
  DRAFT_ALREADY_SUBMITTED: {
    status: 409,
    vi: 'Hồ sơ nháp này đã được nộp. Vui lòng xem trong mục "Hồ sơ của tôi".',
    en: 'This draft has already been submitted. See "My dossiers".',
  },
  SUBMISSION_CHANGED: {
    status: 409,
    vi: 'Một giấy tờ của hồ sơ vừa bị xoá hoặc thay đổi trong lúc nộp. Vui lòng kiểm tra lại giấy tờ rồi nộp lại.',
    en: 'A document of this dossier was deleted or changed while it was being submitted. Please check the documents and submit again.',
  },
  SUBMISSION_INVALID: {
    status: 422,
    vi: 'Hồ sơ chưa thể nộp: còn nội dung cần sửa.',
    en: 'The dossier cannot be submitted yet: some entries need correcting.',
  },
  RECEIVING_UNIT_INVALID: { status: 422, vi: 'Nơi tiếp nhận hồ sơ không hợp lệ.', en: 'The place of receipt is not valid.' },
  DOSSIER_LOOKUP_FAILED: {
    status: 404,
    vi: 'Không tìm thấy hồ sơ với mã và 4 chữ số đã nhập. Vui lòng kiểm tra lại.',
    en: 'No dossier matches this code and these 4 digits. Please check them.',
  },
  WITHDRAWAL_NOT_ALLOWED: {
    status: 409,
    vi: 'Không thể rút hồ sơ ở trạng thái hiện tại.',
    en: 'The dossier cannot be withdrawn in its current status.',
  },
  DOCUMENTS_REQUIRED: { status: 400, vi: 'Vui lòng đính kèm ít nhất một giấy tờ bổ sung.', en: 'Please attach at least one additional document.' },
  SUPPLEMENT_NOT_REQUESTED: {
    status: 409,
    vi: 'Hồ sơ không ở trạng thái chờ bổ sung giấy tờ.',
    en: 'The dossier is not waiting for additional documents.',
  },

  // --- Reception at the counter ----------------------------------------------------------------------------------
  IDENTITY_CHECK_REQUIRED: {
    status: 400,
    vi: 'Vui lòng kiểm tra lại danh tính người nộp với Cơ sở dữ liệu quốc gia về dân cư trước khi tiếp nhận.',
    en: 'Please check the applicant’s identity against the national population database before receiving the dossier.',
  },
  PERSON_NOT_FOUND: {
    status: 404,
    vi: 'Không tìm thấy số định danh này trong Cơ sở dữ liệu quốc gia về dân cư.',
    en: 'This identification number is not in the national population database.',
  },
  PAPER_INTAKE_REFUSED: {
    status: 409,
    vi: 'Hôm nay Bộ phận một cửa không tiếp nhận hồ sơ giấy cho thủ tục này. Cán bộ sẽ hỗ trợ nộp hồ sơ trực tuyến ngay tại quầy.',
    en: 'The counter takes no paper dossier for this procedure today. The official will help submit it online at the counter.',
  },
  CITIZEN_ACCOUNT_REQUIRED: {
    status: 409,
    vi: 'Công dân chưa có tài khoản trên Cổng dịch vụ công. Vui lòng đăng nhập bằng tài khoản định danh điện tử (VNeID) một lần rồi thực hiện lại.',
    en: 'The citizen has no account on the public-service portal yet. Log in once with the national e-ID (VNeID), then try again.',
  },
  PAPERLESS_RULE_INVALID: {
    status: 422,
    vi: 'Quy định chưa hợp lệ. Vui lòng kiểm tra lại các nội dung.',
    en: 'The rule is not valid. Please check its entries.',
  },
  DIGITISATION_GUARD: {
    status: 409,
    vi: 'Chưa thể hoàn thành bước này vì hồ sơ sẽ bị trừ điểm số hóa.',
    en: 'This step cannot be finished: the dossier would lose digitisation points.',
  },
  // Self-digitisation (issue 16 item 2): the citizen's photo copy and the official's comparison with the original.
  RECOGNITION_NOT_FINISHED: {
    status: 409,
    vi: 'Giấy tờ chưa được nhận dạng xong. Vui lòng chờ trong giây lát.',
    en: 'The paper has not been recognised yet. Please wait a moment.',
  },
  CONFIRMATION_INVALID: {
    status: 422,
    vi: 'Các trường xác nhận chưa khớp với kết quả nhận dạng.',
    en: 'The confirmed fields do not match the recognised ones.',
  },
  PHOTO_REQUIRED: {
    status: 422,
    vi: 'Chỉ nhận ảnh chụp giấy tờ (JPEG hoặc PNG) để tự số hoá. Vui lòng chụp ảnh hoặc chọn tệp ảnh.',
    en: 'Only a photo of the paper (JPEG or PNG) can be self-digitised. Take a photo or choose an image file.',
  },
  PHOTO_COPY_LOCKED: {
    status: 409,
    vi: 'Bản chụp đã được cán bộ đối chiếu với bản gốc, không thể sửa nữa.',
    en: 'The photo copy has been checked against the original and can no longer be changed.',
  },
  PHOTO_COPY_IN_USE: {
    status: 409,
    vi: 'Bản chụp này đang được dùng trong hồ sơ đã nộp nên không xoá được; hồ sơ vẫn giữ bản chụp để cán bộ đối chiếu bản gốc.',
    en: 'This photo copy is used in a submitted dossier and cannot be deleted; the dossier keeps it for the official to check against the original.',
  },
  NOT_PHOTO_COPY: {
    status: 409,
    vi: 'Thành phần này không phải bản chụp do công dân tự số hóa.',
    en: 'This component is not a photo copy digitised by the citizen.',
  },
  ORIGINAL_ALREADY_CONFIRMED: {
    status: 409,
    vi: 'Bản chụp này đã được đối chiếu với bản gốc.',
    en: 'This photo copy has already been checked against the original.',
  },
  DOSSIER_ENDED: {
    status: 409,
    vi: 'Hồ sơ đã kết thúc, không thể đối chiếu bản gốc.',
    en: 'The dossier has ended; the original can no longer be checked.',
  },
  INTAKE_INVALID: {
    status: 422,
    vi: 'Hồ sơ chưa thể tiếp nhận: còn nội dung cần sửa.',
    en: 'The dossier cannot be received yet: some entries need correcting.',
  },
  COMPETENT_UNIT_INVALID: {
    status: 422,
    vi: 'Không xác định được cơ quan có thẩm quyền giải quyết. Vui lòng chọn cơ quan.',
    en: 'The competent agency could not be determined. Please choose one.',
  },
  WAYBILL_REQUIRED: { status: 400, vi: 'Vui lòng nhập số vận đơn.', en: 'Please enter the waybill number.' },
  STORE_DOCUMENT_INVALID: {
    status: 422,
    vi: 'Giấy tờ không có trong kho dữ liệu của người nộp.',
    en: 'The document is not in the applicant’s document store.',
  },

  // --- Back-office actions on a dossier (the transition rules) ----------------------------------------------------
  INVALID_TRANSITION: {
    status: 409,
    vi: 'Không thể thực hiện thao tác này ở trạng thái hiện tại của hồ sơ.',
    en: 'This action is not possible in the dossier’s current status.',
  },
  WRONG_STEP: {
    status: 409,
    vi: 'Hồ sơ đang ở bước khác. Không thể bỏ qua hoặc làm thay bước này.',
    en: 'The dossier is at another step. A step cannot be skipped or done for someone else.',
  },
  ASSIGNED_TO_ANOTHER: {
    status: 403,
    vi: 'Hồ sơ đang được giao cho cán bộ khác xử lý. Đề nghị lãnh đạo phân công lại nếu cần.',
    en: 'The dossier is assigned to another official. Ask your leader to reassign it if needed.',
  },
  // Liên thông (src/server/modules/lienthong)
  HANDOFF_ALREADY_ANSWERED: {
    status: 409,
    vi: 'Lần chuyển hồ sơ này đã có trả lời của cơ quan tiếp nhận.',
    en: 'This hand-off already has the receiving agency’s answer.',
  },
  HANDOFF_NOT_RESENDABLE: {
    status: 409,
    vi: 'Chỉ gửi lại được hồ sơ thành phần đã bị cơ quan tiếp nhận từ chối.',
    en: 'Only a member dossier refused by its agency can be sent again.',
  },
  BUNDLE_LOOKUP_FAILED: {
    status: 404,
    vi: 'Không tìm thấy hồ sơ liên thông với mã và 4 chữ số đã nhập. Vui lòng kiểm tra lại.',
    en: 'No linked dossier matches this code and these 4 digits. Please check them.',
  },
  BUNDLE_TYPE_NATIONAL: {
    status: 409,
    vi: 'Nhóm thủ tục liên thông quốc gia luôn được áp dụng, không tắt được.',
    en: 'A national linked-procedure bundle always applies and cannot be switched off.',
  },
  AGENCY_UNAVAILABLE: {
    status: 503,
    vi: 'Hệ thống của cơ quan tiếp nhận tạm thời không trả lời.',
    en: 'The receiving agency’s system is not answering for now.',
  },
  ROLE_NOT_ALLOWED: { status: 403, vi: 'Vai trò của bạn không được thực hiện thao tác này.', en: 'Your role may not take this action.' },
  REASON_REQUIRED: { status: 400, vi: 'Vui lòng nêu rõ lý do.', en: 'Please give the reason.' },
  SUPPLEMENT_ONCE: {
    status: 409,
    vi: 'Chỉ được yêu cầu bổ sung hồ sơ một lần trong quá trình giải quyết.',
    en: 'Additional documents may be requested only once while a dossier is processed.',
  },
  RESCHEDULE_ONCE: { status: 409, vi: 'Chỉ được hẹn lại ngày trả kết quả một lần.', en: 'The return date may be rescheduled only once.' },
  NEW_DUE_REQUIRED: { status: 400, vi: 'Vui lòng chọn ngày hẹn trả mới.', en: 'Please choose the new return date.' },
  NEW_DUE_NOT_LATER: { status: 400, vi: 'Ngày hẹn trả mới phải sau ngày hẹn hiện tại.', en: 'The new return date must be after the current one.' },
  ALREADY_OVERDUE: {
    status: 409,
    vi: 'Văn bản xin lỗi và hẹn lại phải gửi trước thời hạn trả kết quả; hồ sơ đã quá hạn.',
    en: 'The apology and new appointment must be sent before the due date; the dossier is already overdue.',
  },
  AMOUNT_REQUIRED: {
    status: 400,
    vi: 'Hồ sơ chưa có khoản phí, lệ phí nào phải nộp. Vui lòng nhập số tiền.',
    en: 'The dossier has no fee to pay yet. Please enter the amount.',
  },
  PAYMENT_INVALID: { status: 400, vi: 'Vui lòng nhập số tiền đã thu và hình thức thu.', en: 'Please enter the amount received and how it was paid.' },
  ASSIGNEE_INVALID: {
    status: 400,
    vi: 'Cán bộ được chọn không thuộc đơn vị hoặc không có vai trò thực hiện bước này.',
    en: 'The chosen official is not in the unit or does not hold the role of this step.',
  },
  RECEIVER_REQUIRED: {
    status: 400,
    vi: 'Trả kết quả trực tiếp: vui lòng ghi họ tên và số định danh của người nhận.',
    en: 'Handing over the result in person: please record the receiver’s full name and identification number.',
  },
  DOCUMENT_INVALID: {
    status: 422,
    vi: 'Tệp đính kèm không hợp lệ hoặc không do bạn tải lên. Vui lòng tải lên lại.',
    en: 'The attached file is not valid or was not uploaded by you. Please upload it again.',
  },
  WORKFLOW_INVALID: {
    status: 409,
    vi: 'Quy trình của thủ tục không có bước tiếp theo. Vui lòng báo quản trị danh mục.',
    en: 'The procedure’s workflow has no next step. Please tell the catalogue administrator.',
  },
  WORKFLOW_UNIT_MISSING: {
    status: 409,
    vi: 'Không xác định được đơn vị thực hiện bước tiếp theo. Vui lòng báo quản trị hệ thống.',
    en: 'The unit for the next step could not be determined. Please tell the system administrator.',
  },
  FORM_NOT_AVAILABLE: {
    status: 404,
    vi: 'Hồ sơ chưa có văn bản này (sự việc tương ứng chưa xảy ra).',
    en: 'The dossier has no such document yet (what it records has not happened).',
  },
  UNIT_WITHOUT_CODE: {
    status: 409,
    vi: 'Đơn vị chưa có mã định danh nên chưa lập được sổ theo dõi.',
    en: 'The unit has no agency code, so its register cannot be produced.',
  },
  PERIOD_INVALID: { status: 400, vi: 'Ngày kết thúc phải sau ngày bắt đầu.', en: 'The end date must be after the start date.' },
  CLOCK_BACKWARDS: { status: 400, vi: 'Chỉ được đặt đồng hồ về tương lai.', en: 'The clock may only be moved forward.' },

  // --- Results, signing, the personal document store -------------------------------------------------------------
  ORIGINAL_MISSING: {
    status: 409,
    vi: 'Hồ sơ chưa có bản quét của bản chính để chứng thực.',
    en: 'The dossier has no scan of the original to certify.',
  },
  RESULT_INCOMPLETE: {
    status: 409,
    vi: 'Chưa thể ban hành kết quả: hồ sơ còn thiếu thông tin để điền vào văn bản ({fields}).',
    en: 'The result cannot be issued: the dossier lacks information the document needs ({fields}).',
  },
  SIGNING_NOT_CONFIGURED: {
    status: 409,
    vi: 'Hệ thống chưa được cấu hình chứng thư số để ký kết quả. Vui lòng báo quản trị hệ thống.',
    en: 'No signing certificate is configured to sign results. Please tell the system administrator.',
  },
  SIGNING_CERTIFICATE_MISSING: {
    status: 409,
    vi: 'Chưa cấu hình chứng thư số của đơn vị {unit}. Vui lòng báo quản trị hệ thống.',
    en: 'No signing certificate is configured for {unit}. Please tell the system administrator.',
  },
  REMOTE_SIGNING_UNAVAILABLE: {
    status: 502,
    vi: 'Dịch vụ ký số từ xa không thực hiện được yêu cầu. Vui lòng thử lại sau.',
    en: 'The remote signing service could not do this. Please try again later.',
  },
  REMOTE_SIGNING_NOT_CONFIGURED: {
    status: 409,
    vi: 'Hệ thống chưa được cấu hình dịch vụ ký số từ xa. Vui lòng báo quản trị hệ thống.',
    en: 'No remote signing service is configured. Please tell the system administrator.',
  },
  REMOTE_SIGNING_OTP_INVALID: {
    status: 400,
    vi: 'Mã OTP không đúng hoặc đã hết hạn. Vui lòng nhận mã mới và thử lại.',
    en: 'The one-time code is wrong or has expired. Please get a new code and try again.',
  },
  REMOTE_SIGNING_NO_CREDENTIAL: {
    status: 409,
    vi: 'Bạn chưa có chứng thư số cá nhân ở dịch vụ ký số từ xa.',
    en: 'You have no personal certificate at the remote signing service.',
  },
  DECLARATION_NOT_SIGNABLE: {
    status: 409,
    vi: 'Thủ tục của hồ sơ này không cần người yêu cầu ký số tờ khai.',
    en: "This dossier's procedure does not need the applicant's signature on the declaration.",
  },
  DECLARATION_ALREADY_SIGNED: {
    status: 409,
    vi: 'Tờ khai của hồ sơ này đã được ký số.',
    en: "This dossier's declaration is already signed.",
  },
  PERSONAL_CREDENTIAL_NOT_CONFIGURED: {
    status: 409,
    vi: 'Bạn chưa được cấu hình chứng thư số cá nhân ở dịch vụ ký số từ xa: kết quả chỉ mang chữ ký số của cơ quan.',
    en: "No personal certificate is configured for you at the remote signing service: the result carries the agency's signature only.",
  },
  RESULT_NOT_SIGNABLE: {
    status: 409,
    vi: 'Hồ sơ không có kết quả đã ký đang chờ phát hành để thêm chữ ký cá nhân.',
    en: 'The dossier has no signed result waiting to be issued to add a personal signature to.',
  },
  PERSONAL_SIGNATURE_EXISTS: {
    status: 409,
    vi: 'Kết quả này đã có chữ ký số cá nhân của lãnh đạo.',
    en: "This result already carries the leader's personal signature.",
  },
  SHARE_DURATION_INVALID: {
    status: 400,
    vi: 'Thời hạn chia sẻ từ 1 giờ đến {days} ngày.',
    en: 'A share link lasts from 1 hour to {days} days.',
  },
  SHARE_EXPIRED: { status: 410, vi: 'Liên kết chia sẻ đã hết hạn hoặc đã bị thu hồi.', en: 'This share link has expired or was revoked.' },

  // --- Fees and payments -----------------------------------------------------------------------------------------
  NOT_PAYABLE: {
    status: 409,
    vi: 'Hồ sơ ở trạng thái hiện tại không thể thanh toán trực tuyến.',
    en: 'The dossier cannot be paid online in its current status.',
  },
  NOTHING_TO_PAY: { status: 409, vi: 'Hồ sơ không có khoản phí, lệ phí nào cần nộp.', en: 'The dossier has no fee to pay.' },
  IDEMPOTENCY_KEY_REUSED: {
    status: 409,
    vi: 'Mã yêu cầu đã được dùng cho hồ sơ khác. Vui lòng tải lại trang.',
    en: 'This request key was already used for another dossier. Please reload the page.',
  },
  GATEWAY_UNAVAILABLE: {
    status: 503,
    vi: 'Chưa liên lạc được với cổng thanh toán. Vui lòng thử lại sau ít phút.',
    en: 'The payment gateway cannot be reached. Please try again in a few minutes.',
  },
  PAYMENT_STATE_INVALID: {
    status: 409,
    vi: 'Giao dịch thanh toán không thể chuyển sang trạng thái này.',
    en: 'The payment cannot move to this state.',
  },
  PAYMENT_STATE_CHANGED: { status: 409, vi: 'Trạng thái giao dịch vừa thay đổi. Vui lòng tải lại.', en: 'The payment state has just changed. Please reload.' },
  REFUND_NOT_AT_COUNTER: {
    status: 409,
    vi: 'Khoản hoàn phí này không chi trả tại quầy hoặc đã được chi trả.',
    en: 'This refund is not paid out at the counter or has already been paid out.',
  },
  PAYGOV_CONFIRM_INVALID: { status: 400, vi: 'Bản tin xác nhận không đúng định dạng.', en: 'The payment confirmation is malformed.' },
  PAYGOV_CONFIRM_FORGED: {
    status: 401,
    vi: 'Mã xác thực (MaXacThuc) hoặc mã đối tác không đúng.',
    en: 'The confirmation checksum (MaXacThuc) or partner code is wrong.',
  },
  PAYGOV_CONFIRM_UNKNOWN: { status: 404, vi: 'Không tìm thấy giao dịch có mã tham chiếu này.', en: 'No payment has this reference.' },
  PAYGOV_CONFIRM_CONFLICT: {
    status: 409,
    vi: 'Bản tin xác nhận không khớp với giao dịch (số tiền hoặc trạng thái).',
    en: 'The confirmation does not match the payment (amount or state).',
  },
  PAYGOV_CONFIRM_FAILED: {
    status: 503,
    vi: 'Hệ thống tạm thời chưa ghi nhận được. Vui lòng gửi lại sau.',
    en: 'The confirmation could not be recorded now. Please send it again later.',
  },
  GATEWAY_NOT_CONFIGURED: {
    status: 409,
    vi: 'Hình thức thanh toán này chưa được cấu hình tại địa phương.',
    en: 'This payment channel is not configured here.',
  },
  STATEMENT_INVALID: { status: 422, vi: 'Tệp sao kê không đọc được.', en: 'The statement file cannot be read.' },

  // --- Service quality (Decision 766), targets, ratings ----------------------------------------------------------
  PERIOD_TOO_LONG: { status: 400, vi: 'Kỳ báo cáo tối đa 3 năm.', en: 'A reporting period is at most 3 years.' },
  MONTH_INVALID: { status: 400, vi: 'Tháng phải có dạng yyyy-mm.', en: 'The month must be written yyyy-mm.' },
  NOT_DRILLABLE: {
    status: 400,
    vi: 'Chỉ tiêu {indicator} không tính từ hồ sơ nên không có danh sách hồ sơ.',
    en: 'Indicator {indicator} is not computed from dossiers, so it has no list of dossiers.',
  },
  UNIT_OUT_OF_SCOPE: { status: 403, vi: 'Bạn không quản lý đơn vị này.', en: 'You do not administer this unit.' },
  TARGET_VALUE_INVALID: { status: 400, vi: 'Mục tiêu tỷ lệ phải từ 0 đến 100 (%).', en: 'A rate target must be between 0 and 100 (%).' },
  TARGET_COMPARISON_INVALID: {
    status: 400,
    vi: 'Thời gian từ đăng nhập đến nộp là mục tiêu "không quá".',
    en: 'The time from login to submission is an "at most" target.',
  },
  ALREADY_RATED: {
    status: 409,
    vi: 'Hồ sơ này đã được đánh giá; mỗi hồ sơ chỉ được đánh giá một lần.',
    en: 'This dossier has already been rated; each dossier is rated once.',
  },
  NOT_YET_RATABLE: {
    status: 409,
    vi: 'Chỉ đánh giá được sau khi hồ sơ đã có kết quả giải quyết.',
    en: 'A dossier can be rated only once its result is out.',
  },

  // --- The citizens' assistant (docs/assistant.md) ----------------------------------------------------------------
  UNKNOWN_PROCEDURE: {
    status: 422,
    vi: 'Không có thủ tục mã {code} trong danh mục đang áp dụng.',
    en: 'There is no procedure with the code {code} in the catalogue in force.',
  },
  PHRASING_EXISTS: {
    status: 409,
    vi: 'Cách nói này đã có cho thủ tục {code}.',
    en: 'This phrasing already exists for the procedure {code}.',
  },

  // --- Feedback and complaints (PAKN; docs/feedback.md) ------------------------------------------------------------
  FEEDBACK_CONTACT_REQUIRED: {
    status: 400,
    vi: 'Vui lòng để lại họ tên và số điện thoại hoặc thư điện tử để cơ quan trả lời bạn.',
    en: 'Please leave your name and a phone number or e-mail address so that the office can answer you.',
  },
  FEEDBACK_WRONG_STATE: {
    status: 409,
    vi: 'Phản ánh, kiến nghị đang ở trạng thái {status}, không thực hiện được thao tác này.',
    en: 'The feedback is in the state {status}; this action is not possible.',
  },
  FEEDBACK_PERSONAL_DATA: {
    status: 422,
    vi: 'Nội dung công khai còn thông tin cá nhân ({found}); vui lòng biên tập lại trước khi công khai.',
    en: 'The text to publish still holds personal data ({found}); please edit it before publication.',
  },
  FEEDBACK_OTHER_UNIT: {
    status: 403,
    vi: 'Phản ánh, kiến nghị này thuộc đơn vị khác.',
    en: 'This feedback belongs to another unit.',
  },
  FEEDBACK_MODERATOR_ONLY: {
    status: 403,
    vi: 'Chỉ biên tập viên phản ánh, kiến nghị của đơn vị mới được công khai câu hỏi và câu trả lời.',
    en: "Only the unit's feedback moderator may publish the question and answer.",
  },
  FEEDBACK_UNIT_UNKNOWN: {
    status: 422,
    vi: 'Không có đơn vị mã {unitId}.',
    en: 'There is no unit with the id {unitId}.',
  },
  FEEDBACK_ASSIGNEE_INVALID: {
    status: 422,
    vi: 'Người được giao không phải cán bộ xử lý của đơn vị nhận phản ánh, kiến nghị.',
    en: 'The assignee is not a handling official of the unit the feedback is assigned to.',
  },
  FEEDBACK_PORTAL_FAILED: {
    status: 502,
    vi: 'Chưa lấy được hỏi đáp từ Cổng Dịch vụ công quốc gia: {reason}',
    en: 'The Q&A could not be fetched from the National Public Service Portal: {reason}',
  },

  // --- Community digital teams and household coverage (docs/community.md) -----------------------------------------
  COMMUNITY_AREA_FORBIDDEN: {
    status: 403,
    vi: 'Bạn không được phân công hỗ trợ thôn, tổ dân phố này.',
    en: 'You are not assigned to this village or residential group.',
  },
  COMMUNITY_RESIDENT_OUTSIDE_AREA: {
    status: 403,
    vi: 'Người dân này không thuộc hộ gia đình ở thôn, tổ dân phố bạn được phân công.',
    en: 'This resident does not belong to a household of the areas you are assigned to.',
  },
  COMMUNITY_VISIT_KEY_REUSED: {
    status: 409,
    vi: 'Mã giao dịch này đã dùng cho một lần thăm hộ khác.',
    en: 'This transaction key was already used for another visit.',
  },
  REPRESENTATION_NOT_USABLE: {
    status: 403,
    vi: 'Không thể nộp thay: ủy quyền {reason}.',
    en: 'Cannot submit on behalf: the representation is {reason}.',
  },
  REPRESENTATION_OTP_INVALID: {
    status: 422,
    vi: 'Mã xác nhận không đúng, đã hết hạn hoặc đã nhập sai quá số lần cho phép.',
    en: 'The confirmation code is wrong, expired, or was entered wrongly too many times.',
  },
  REPRESENTATION_NO_PHONE: {
    status: 422,
    vi: 'Người dân chưa có số điện thoại di động trong Cơ sở dữ liệu dân cư để nhận mã xác nhận; hãy dùng văn bản ủy quyền.',
    en: 'The resident has no mobile number in the population database to receive a code; use a signed authorisation instead.',
  },
  REPRESENTATION_DOCUMENT_REQUIRED: {
    status: 422,
    vi: 'Vui lòng tải lên bản chụp văn bản ủy quyền có chữ ký của người dân.',
    en: 'Please upload the scan of the authorisation signed by the resident.',
  },
} as const satisfies Record<string, ErrorEntry>;

export type ErrorCode = keyof typeof ERRORS;
export type ErrorParams = Readonly<Record<string, string | number>>;

export const ERROR_CODES = Object.keys(ERRORS) as ErrorCode[];

export const isErrorCode = (code: string): code is ErrorCode => Object.hasOwn(ERRORS, code);

/** The statuses a code may be answered with (its own first). */
export function statusesOf(code: ErrorCode): readonly number[] {
  const e: ErrorEntry = ERRORS[code];
  return [e.status, ...(e.alsoStatus ?? [])];
}

/** The placeholder names of a template (`{name}`), in order of appearance. */
export function placeholdersOf(template: string): string[] {
  return [...template.matchAll(/\{([A-Za-z][A-Za-z0-9_]*)\}/g)].map((m) => m[1]);
}

export type Language = 'vi' | 'en';

/** A param as written in a message: a dossier status number becomes its name in the language. */
function formatParam(name: string, value: string | number, lang: Language): string {
  if (name === 'status' && typeof value === 'number' && value in nationalStatusName) return nationalStatusName[value as NationalStatus][lang];
  return String(value);
}

/**
 * The template of a code in a language with the params filled in; undefined when the code is unknown or a
 * placeholder has no value.
 */
export function renderError(code: string, params: Readonly<Record<string, unknown>> | undefined, lang: Language): string | undefined {
  if (!isErrorCode(code)) return undefined;
  let missing = false;
  const text = (ERRORS[code] as ErrorEntry)[lang].replace(/\{([A-Za-z][A-Za-z0-9_]*)\}/g, (_m, name: string) => {
    const v = params?.[name];
    if (typeof v === 'string' || typeof v === 'number') return formatParam(name, v, lang);
    missing = true;
    return '';
  });
  return missing ? undefined : text;
}

/**
 * The message to show for an error answer: in Vietnamese the server's own message (it may be more precise than the
 * template); in English the registry's template with the params; the server's message when nothing better exists.
 */
export function errorMessage(error: { code: string; message?: string; params?: Readonly<Record<string, unknown>> }, lang: string, fallback: string): string {
  const language: Language = lang.startsWith('en') ? 'en' : 'vi';
  if (language === 'vi') return error.message || renderError(error.code, error.params, 'vi') || fallback;
  return renderError(error.code, error.params, 'en') || error.message || fallback;
}
