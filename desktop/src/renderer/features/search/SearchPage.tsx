// The /search route is the attractions catalog.
export { default } from '../catalog/SearchPage';
