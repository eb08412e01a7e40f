import { Card, Col, Flex, Form, InputNumber, Row, Table, Typography } from 'antd';
import { useT } from '../../i18n';
import { officeLabel } from './labels';
import { levels, results, ruleKeys } from './office.api';
import { activityKinds } from './rules.api';
import { numberRules } from './validation';

/** One points cell: 0…1000, halves allowed. */
function PointsInput(props: { name: (string | number)[]; label: string; testId?: string; optional?: boolean }) {
  const t = useT();
  return (
    <Form.Item
      name={props.name}
      rules={numberRules(t, props.label, 0, 1000, { integer: false, optional: props.optional })}
      style={{ margin: 0 }}
      validateTrigger="onBlur"
    >
      <InputNumber
        step={1}
        placeholder={props.optional ? '0' : undefined}
        style={{ width: '100%', minWidth: 64 }}
        data-testid={props.testId}
      />
    </Form.Item>
  );
}

/** A table of level rows × result columns for award points (获奖 by 级别 × 等第). */
function AwardsTable() {
  const t = useT();
  return (
    <Table
      size="small"
      bordered
      pagination={false}
      rowKey="level"
      dataSource={levels.map((level) => ({ level }))}
      scroll={{ x: 720 }}
      columns={[
        {
          title: t('rules.points.level'),
          dataIndex: 'level',
          width: 90,
          render: (level: string) => officeLabel(t, 'level', level),
        },
        ...results.map((result) => ({
          title: officeLabel(t, 'awardResult', result),
          key: result,
          render: (_: unknown, row: { level: string }) => (
            <PointsInput
              name={['points', 'awards', row.level, result]}
              label={`${officeLabel(t, 'level', row.level)}${officeLabel(t, 'awardResult', result)}`}
              testId={`rules-points-award-${row.level}-${result}`}
            />
          ),
        })),
      ]}
      data-testid="rules-points-awards"
    />
  );
}

/** Project points: stage × role rows, level columns (课题 立项/结题 × 主持人/成员). */
function ProjectsTable() {
  const t = useT();
  const rows = (['approved', 'concluded'] as const).flatMap((stage) =>
    (['host', 'member'] as const).map((role) => ({ key: `${stage}-${role}`, stage, role })),
  );
  return (
    <Table
      size="small"
      bordered
      pagination={false}
      dataSource={rows}
      scroll={{ x: 720 }}
      columns={[
        {
          title: t('rules.points.stage'),
          dataIndex: 'stage',
          width: 80,
          render: (stage: string) => t(stage === 'approved' ? 'rules.stage.approved' : 'rules.stage.concluded'),
          onCell: (_row, index) => ({ rowSpan: index !== undefined && index % 2 === 0 ? 2 : 0 }),
        },
        {
          title: t('rules.points.role'),
          dataIndex: 'role',
          width: 80,
          render: (role: string) => t(role === 'host' ? 'rules.role.host' : 'rules.role.member'),
        },
        ...levels.map((level) => ({
          title: officeLabel(t, 'level', level),
          key: level,
          render: (_: unknown, row: { stage: string; role: string }) => (
            <PointsInput
              name={['points', 'projects', row.stage, row.role, level]}
              label={officeLabel(t, 'level', level)}
            />
          ),
        })),
      ]}
      data-testid="rules-points-projects"
    />
  );
}

/** A single row of per-level inputs (发表, 指导学生获奖). */
function LevelRow({ path, testId }: { path: string; testId: string }) {
  const t = useT();
  return (
    <Row gutter={[12, 8]} data-testid={testId}>
      {levels.map((level) => (
        <Col key={level} xs={12} sm={8} md={4}>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {officeLabel(t, 'level', level)}
          </Typography.Text>
          <PointsInput name={['points', path, level]} label={officeLabel(t, 'level', level)} />
        </Col>
      ))}
    </Row>
  );
}

/** 考核积分表: awards, publications, projects, activities presented, student awards, quotas met. */
export function PointsForm() {
  const t = useT();
  return (
    <Flex vertical gap={16}>
      <Card size="small" title={t('rules.points.awards')} extra={<Hint text={t('rules.points.awardsHint')} />}>
        <AwardsTable />
      </Card>
      <Card size="small" title={t('rules.points.projects')} extra={<Hint text={t('rules.points.projectsHint')} />}>
        <ProjectsTable />
      </Card>
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={12}>
          <Card size="small" title={t('rules.points.publications')}>
            <LevelRow path="publications" testId="rules-points-publications" />
          </Card>
        </Col>
        <Col xs={24} xl={12}>
          <Card size="small" title={t('rules.points.studentAwards')}>
            <LevelRow path="studentAwards" testId="rules-points-student-awards" />
          </Card>
        </Col>
        <Col xs={24} xl={12}>
          <Card
            size="small"
            title={t('rules.points.activities')}
            extra={<Hint text={t('rules.points.activitiesHint')} />}
          >
            <Row gutter={[12, 8]}>
              {activityKinds.map((kind) => (
                <Col key={kind} xs={12} sm={8} md={6}>
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {officeLabel(t, 'activityKind', kind)}
                  </Typography.Text>
                  <PointsInput
                    name={['points', 'activities', kind]}
                    label={officeLabel(t, 'activityKind', kind)}
                    optional
                  />
                </Col>
              ))}
            </Row>
          </Card>
        </Col>
        <Col xs={24} xl={12}>
          <Card size="small" title={t('rules.points.quotas')}>
            <Row gutter={[12, 8]}>
              {ruleKeys.map((rule) => (
                <Col key={rule} xs={12} sm={8}>
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {officeLabel(t, 'ruleKey', rule)}
                  </Typography.Text>
                  <PointsInput name={['points', 'quotas', rule]} label={officeLabel(t, 'ruleKey', rule)} />
                </Col>
              ))}
            </Row>
          </Card>
        </Col>
      </Row>
    </Flex>
  );
}

function Hint({ text }: { text: string }) {
  return (
    <Typography.Text type="secondary" style={{ fontSize: 12 }}>
      {text}
    </Typography.Text>
  );
}
