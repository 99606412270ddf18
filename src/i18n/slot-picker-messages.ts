import { getLanguage } from './get-messages';

/**
 * The slot picker's strings, one catalogue per language the form speaks. Kept apart from
 * the form's `Messages` so that a page importing only the form does not carry them.
 * `{name}` placeholders are filled by `formatMessage`; `{count}` strings have plural forms
 * chosen with `Intl.PluralRules` (`one` / `other`).
 */
export interface SlotPickerMessages {
  loading: string;
  loadFailed: string;
  retry: string;
  previousMonth: string;
  nextMonth: string;
  /** Accessible name of a day: `{date}` is the full date. */
  dayTimes: { one: string; other: string };
  dayNoTimes: string;
  /** `{date}`: the chosen day. */
  timesFor: string;
  noTimes: string;
  backToCalendar: string;
  /** `{zone}`: the zone's name. */
  timesInZone: string;
  fromDevice: string;
  changeZone: string;
  searchZone: string;
  /** `{time}` in the calendar's zone `{zone}`. */
  calendarTime: string;
  justTaken: string;
  /** `{time}`: the chosen time. */
  selected: string;
  /** `{month}` shown, `{count}` days with times. */
  monthShown: { one: string; other: string };
  nextAvailable: string;
  /** The week shown has no free time; `{date}` is the next day that has. */
  weekEmpty: string;
}

const en: SlotPickerMessages = {
  loading: 'Loading free times…',
  loadFailed: 'The free times could not be loaded.',
  retry: 'Try again',
  previousMonth: 'Previous month',
  nextMonth: 'Next month',
  dayTimes: { one: '{date}, {count} time available', other: '{date}, {count} times available' },
  dayNoTimes: '{date}, no times available',
  timesFor: 'Times on {date}',
  noTimes: 'No free times on this day.',
  backToCalendar: 'Choose another day',
  timesInZone: 'Times in {zone}',
  fromDevice: '(from your device)',
  changeZone: 'Change time zone',
  searchZone: 'Search time zones',
  calendarTime: '{time} in {zone}',
  justTaken: 'That time was just taken. Please choose another.',
  selected: '{time} selected',
  monthShown: { one: '{month}: {count} day with free times', other: '{month}: {count} days with free times' },
  nextAvailable: 'Next available time',
  weekEmpty: 'No free times this week. The next is on {date}.',
};

const de: SlotPickerMessages = {
  loading: 'Freie Termine werden geladen…',
  loadFailed: 'Die freien Termine konnten nicht geladen werden.',
  retry: 'Erneut versuchen',
  previousMonth: 'Vorheriger Monat',
  nextMonth: 'Nächster Monat',
  dayTimes: { one: '{date}, {count} Termin frei', other: '{date}, {count} Termine frei' },
  dayNoTimes: '{date}, keine Termine frei',
  timesFor: 'Termine am {date}',
  noTimes: 'An diesem Tag ist nichts frei.',
  backToCalendar: 'Anderen Tag wählen',
  timesInZone: 'Zeiten in {zone}',
  fromDevice: '(von Ihrem Gerät)',
  changeZone: 'Zeitzone ändern',
  searchZone: 'Zeitzonen durchsuchen',
  calendarTime: '{time} in {zone}',
  justTaken: 'Dieser Termin wurde gerade vergeben. Bitte wählen Sie einen anderen.',
  selected: '{time} gewählt',
  monthShown: {
    one: '{month}: {count} Tag mit freien Terminen',
    other: '{month}: {count} Tage mit freien Terminen',
  },
  nextAvailable: 'Nächster freier Termin',
  weekEmpty: 'Diese Woche ist nichts frei. Der nächste Termin ist am {date}.',
};

const fr: SlotPickerMessages = {
  loading: 'Chargement des créneaux libres…',
  loadFailed: 'Les créneaux libres n’ont pas pu être chargés.',
  retry: 'Réessayer',
  previousMonth: 'Mois précédent',
  nextMonth: 'Mois suivant',
  dayTimes: { one: '{date}, {count} créneau disponible', other: '{date}, {count} créneaux disponibles' },
  dayNoTimes: '{date}, aucun créneau disponible',
  timesFor: 'Créneaux du {date}',
  noTimes: 'Aucun créneau libre ce jour-là.',
  backToCalendar: 'Choisir un autre jour',
  timesInZone: 'Heures en {zone}',
  fromDevice: '(de votre appareil)',
  changeZone: 'Changer de fuseau horaire',
  searchZone: 'Rechercher un fuseau horaire',
  calendarTime: '{time} à {zone}',
  justTaken: 'Ce créneau vient d’être pris. Veuillez en choisir un autre.',
  selected: '{time} choisi',
  monthShown: {
    one: '{month} : {count} jour avec des créneaux',
    other: '{month} : {count} jours avec des créneaux',
  },
  nextAvailable: 'Prochain créneau libre',
  weekEmpty: 'Aucun créneau cette semaine. Le prochain est le {date}.',
};

const es: SlotPickerMessages = {
  loading: 'Cargando horas libres…',
  loadFailed: 'No se pudieron cargar las horas libres.',
  retry: 'Reintentar',
  previousMonth: 'Mes anterior',
  nextMonth: 'Mes siguiente',
  dayTimes: { one: '{date}, {count} hora disponible', other: '{date}, {count} horas disponibles' },
  dayNoTimes: '{date}, sin horas disponibles',
  timesFor: 'Horas del {date}',
  noTimes: 'No hay horas libres este día.',
  backToCalendar: 'Elegir otro día',
  timesInZone: 'Horas en {zone}',
  fromDevice: '(de su dispositivo)',
  changeZone: 'Cambiar zona horaria',
  searchZone: 'Buscar zonas horarias',
  calendarTime: '{time} en {zone}',
  justTaken: 'Esa hora se acaba de reservar. Elija otra, por favor.',
  selected: '{time} elegida',
  monthShown: {
    one: '{month}: {count} día con horas libres',
    other: '{month}: {count} días con horas libres',
  },
  nextAvailable: 'Próxima hora libre',
  weekEmpty: 'No hay horas libres esta semana. La próxima es el {date}.',
};

const ar: SlotPickerMessages = {
  loading: 'جارٍ تحميل المواعيد المتاحة…',
  loadFailed: 'تعذّر تحميل المواعيد المتاحة.',
  retry: 'حاول مرة أخرى',
  previousMonth: 'الشهر السابق',
  nextMonth: 'الشهر التالي',
  dayTimes: { one: '{date}، موعد واحد متاح', other: '{date}، {count} مواعيد متاحة' },
  dayNoTimes: '{date}، لا مواعيد متاحة',
  timesFor: 'المواعيد في {date}',
  noTimes: 'لا مواعيد متاحة في هذا اليوم.',
  backToCalendar: 'اختر يومًا آخر',
  timesInZone: 'الأوقات بتوقيت {zone}',
  fromDevice: '(من جهازك)',
  changeZone: 'تغيير المنطقة الزمنية',
  searchZone: 'ابحث في المناطق الزمنية',
  calendarTime: '{time} بتوقيت {zone}',
  justTaken: 'حُجز هذا الموعد للتو. يُرجى اختيار موعد آخر.',
  selected: 'تم اختيار {time}',
  monthShown: { one: '{month}: يوم واحد فيه مواعيد', other: '{month}: {count} أيام فيها مواعيد' },
  nextAvailable: 'أقرب موعد متاح',
  weekEmpty: 'لا مواعيد متاحة هذا الأسبوع. أقرب موعد في {date}.',
};

const CATALOGUES: Record<string, SlotPickerMessages> = { en, de, fr, es, ar };

/** The picker's catalogue for a locale: its language's, else English. */
export function getSlotPickerMessages(locale: string): SlotPickerMessages {
  return CATALOGUES[getLanguage(locale)] ?? en;
}
