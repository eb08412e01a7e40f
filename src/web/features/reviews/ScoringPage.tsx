import { ArrowLeftOutlined } from '@ant-design/icons';
import { Button, Col, Row } from 'antd';
import { Link, useNavigate, useParams } from 'react-router';
import { ApiError } from '../../api/client';
import { Loading, NotFound } from '../../components/States';
import { useT } from '../../i18n';
import { ApplicationView } from './ApplicationView';
import { useAssignments, useReviewProject, useRound } from './reviews.api';
import { ScoreForm } from './ScoreForm';

/** The expert's scoring page: the (blinded) application on the left, the rubric form on the right. */
export function ScoringPage() {
  const t = useT();
  const navigate = useNavigate();
  const { id = '', assignmentId = '' } = useParams();
  const round = useRound(id);
  const assignments = useAssignments(id);
  const project = useReviewProject(id, assignmentId);

  if (round.isLoading || assignments.isLoading || project.isLoading) return <Loading />;
  const failed = [round.error, assignments.error, project.error].find((e) => e instanceof ApiError);
  const assignment = assignments.data?.items.find((a) => a.id === assignmentId);
  if (failed || !round.data || !assignment || !project.data) return <NotFound />;
  // after submitting, go on to the next project still waiting for this expert's score
  const next = assignments.data?.items.find((a) => !a.submitted && a.abilities.score && a.id !== assignment.id);

  return (
    <>
      <Link to="/reviews">
        <Button type="link" icon={<ArrowLeftOutlined />} style={{ paddingInline: 0, marginBottom: 8 }}>
          {t('reviews.score.back')}
        </Button>
      </Link>
      <Row gutter={16}>
        <Col xs={24} lg={14} xl={15}>
          <ApplicationView roundId={id} project={project.data} />
        </Col>
        <Col xs={24} lg={10} xl={9}>
          <div style={{ position: 'sticky', top: 16 }}>
            <ScoreForm
              key={assignment.id}
              roundId={id}
              rubric={round.data.rubric}
              assignment={assignment}
              onDone={() => navigate(next ? `/reviews/${id}/assignments/${next.id}` : '/reviews')}
            />
          </div>
        </Col>
      </Row>
    </>
  );
}
