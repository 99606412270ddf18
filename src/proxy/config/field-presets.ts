import type { FieldDef } from '../../model/field';

/**
 * The preset fields a form's `fields` may name (CONTRACT §5), with labels in every shipped
 * locale and the `autocomplete` token browsers and password managers fill from.
 */
export const FIELD_PRESETS: Readonly<Record<string, FieldDef>> = {
  name: {
    name: 'name',
    type: 'text',
    required: true,
    autocomplete: 'name',
    label: { en: 'Name', de: 'Name', es: 'Nombre', fr: 'Nom', ar: 'الاسم' },
  },
  first_name: {
    name: 'first_name',
    type: 'text',
    required: true,
    autocomplete: 'given-name',
    label: { en: 'First name', de: 'Vorname', es: 'Nombre', fr: 'Prénom', ar: 'الاسم الأول' },
  },
  last_name: {
    name: 'last_name',
    type: 'text',
    required: true,
    autocomplete: 'family-name',
    label: { en: 'Last name', de: 'Nachname', es: 'Apellidos', fr: 'Nom de famille', ar: 'اسم العائلة' },
  },
  email: {
    name: 'email',
    type: 'email',
    required: true,
    autocomplete: 'email',
    label: { en: 'Email', de: 'E-Mail', es: 'Correo electrónico', fr: 'E-mail', ar: 'البريد الإلكتروني' },
  },
  phone: {
    name: 'phone',
    type: 'tel',
    required: false,
    autocomplete: 'tel',
    label: { en: 'Phone', de: 'Telefon', es: 'Teléfono', fr: 'Téléphone', ar: 'الهاتف' },
  },
  company: {
    name: 'company',
    type: 'text',
    required: false,
    autocomplete: 'organization',
    label: { en: 'Company', de: 'Firma', es: 'Empresa', fr: 'Entreprise', ar: 'الشركة' },
  },
  job_title: {
    name: 'job_title',
    type: 'text',
    required: false,
    autocomplete: 'organization-title',
    label: { en: 'Job title', de: 'Position', es: 'Cargo', fr: 'Fonction', ar: 'المسمى الوظيفي' },
  },
  message: {
    name: 'message',
    type: 'textarea',
    required: false,
    label: { en: 'Message', de: 'Nachricht', es: 'Mensaje', fr: 'Message', ar: 'الرسالة' },
  },
  interest: {
    name: 'interest',
    type: 'text',
    required: false,
    label: {
      en: 'What are you interested in?',
      de: 'Wofür interessieren Sie sich?',
      es: '¿Qué le interesa?',
      fr: 'Qu’est-ce qui vous intéresse ?',
      ar: 'ما الذي يهمك؟',
    },
  },
};
