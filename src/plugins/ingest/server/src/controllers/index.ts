import conflicts from './conflicts';
import runs from './runs';

export default {
  conflicts,
  runs,
};
