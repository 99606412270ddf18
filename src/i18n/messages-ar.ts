import type { Messages } from './messages';

/** Arabic (Modern Standard); rendered right-to-left. */
export const messagesAr: Messages = {
  loading: 'جارٍ تحميل النموذج…',
  loadFailed: 'تعذّر تحميل النموذج.',
  retry: 'إعادة المحاولة',
  submit: 'إرسال',
  sending: 'جارٍ الإرسال…',
  sent: 'شكرًا لك — تم إرسال رسالتك.',
  saved: 'تم الحفظ — سيتم الإرسال عند عودتك إلى الاتصال بالإنترنت.',
  failed: 'تعذّر الإرسال. تم الاحتفاظ بما أدخلته؛ يُرجى المحاولة مرة أخرى.',
  fixFields: 'يُرجى تصحيح الحقول المميزة ({count}).',
  requiredNote: 'الحقول المميزة بعلامة * مطلوبة.',
  required: 'يُرجى ملء هذا الحقل.',
  requiredCheckbox: 'يُرجى تحديد هذا المربع للمتابعة.',
  invalidEmail: 'أدخل بريدًا إلكترونيًا مثل name@example.com.',
  phoneNotANumber: 'أدخل رقم هاتف بالأرقام، مثل ‎+971 50 123 4567.',
  phoneInvalidCountry: 'اختر دولة أو ابدأ برمزها، مثل ‎+966.',
  phoneTooShort: 'هذا الرقم قصير جدًا بالنسبة إلى {country}.',
  phoneTooLong: 'هذا الرقم طويل جدًا بالنسبة إلى {country}.',
  phoneInvalid: 'هذا الرقم غير صالح في {country}.',
  tooLong: 'استخدم {max} حرفًا على الأكثر.',
  invalidOption: 'اختر أحد الخيارات.',
  invalid: 'يُرجى التحقق من هذا الحقل.',
  country: 'الدولة',
  choose: 'اختر…',
  honeypot: 'اترك هذا الحقل فارغًا',
};
