// Temporary alias while the agents move to './validations'; removed when they land.
export { Validations } from './validations';
