import { winston, formats } from '@strapi/logger';

/** STRAPI_LOG_LEVEL quiets Strapi for tests and scripts (`error`), default `http`. */
export default {
  transports: [
    new winston.transports.Console({
      level: process.env.STRAPI_LOG_LEVEL || 'http',
      format: winston.format.combine(
        formats.levelFilter(process.env.STRAPI_LOG_LEVEL || 'http'),
        formats.prettyPrint({ timestamps: 'YYYY-MM-DD hh:mm:ss.SSS' })
      ),
      // The seed command's --json report owns stdout: Strapi's log lines go to stderr.
      stderrLevels: ['error', 'warn', 'info', 'http', 'verbose', 'debug', 'silly'],
    }),
  ],
};
