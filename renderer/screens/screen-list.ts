// The screens are declared in shared/ because main builds the native Go menu from the same list.
export { SCREENS, type ScreenId } from '../../shared/screens';
