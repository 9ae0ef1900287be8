import captures from './captures';
import conflicts from './conflicts';
import runs from './runs';

export default {
  captures,
  conflicts,
  runs,
};
