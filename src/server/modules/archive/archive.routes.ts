import { z } from 'zod';
import type { App } from '../../app.js';
import { ctxOf } from '../../auth/auth.plugin.js';
import type { Services } from '../../services.js';
import { DOCX_MIME } from '../files/files.types.js';
import { idParam, plainDate } from '../shared.schema.js';
import { growthArchiveDocx } from './archive.docx.js';
import { GrowthArchiveService } from './archive.service.js';

export function archiveRoutes(app: App, s: Services) {
  const archive = new GrowthArchiveService(s.database, s.growth);
  app.get(
    '/api/people/:id/growth-archive.docx',
    {
      schema: {
        tags: ['growth'],
        summary: '教师专业发展档案（Word）：课题、教研活动、听课、成长记录、师徒结对、八个一',
        params: idParam,
        querystring: z.object({ from: plainDate.optional(), to: plainDate.optional() }),
      },
    },
    async (req, reply) => {
      const a = await archive.build(ctxOf(req), req.params.id, req.query.from, req.query.to);
      const name = encodeURIComponent(`专业发展档案-${a.name}.docx`);
      return reply
        .header('content-type', DOCX_MIME)
        .header('content-disposition', `attachment; filename="${name}"; filename*=UTF-8''${name}`)
        .send(await growthArchiveDocx(a));
    },
  );
}
