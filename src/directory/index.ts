/** The directory: comuni of Lombardy, services, and nearest-first routing (DirectoryPort). */
export { Directory, ROUTE_KINDS, needFilter, type Service } from './directory.js';
export { Gazetteer, type Comune } from './gazetteer.js';
export { checkDirectory, directoryWarnings, loadDirectory, type CheckOptions } from './load.js';
export { openingState, dayRanges, type Timetable } from './opening.js';
export { easterSunday, nationalHolidays, romeMoment } from './calendar.js';
export { SERVICE_KINDS, serviceSchema, servicesFileSchema, type ServiceKind, type ServiceRecord, type WeeklyHours } from './schema.js';
