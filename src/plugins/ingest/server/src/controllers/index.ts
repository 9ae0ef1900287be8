import runs from './runs';

export default {
  runs,
};
