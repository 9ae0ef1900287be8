import captures from './captures';
import runs from './runs';

export default {
  captures,
  runs,
};
