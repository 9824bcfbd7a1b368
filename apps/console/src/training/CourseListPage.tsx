import { Alert, App, Button, Space, Table, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useSearchParams } from 'react-router-dom';
import { hasAnyRole, useAuth } from '../shared/auth';
import { errorMessage, useLanguage } from '../shared/i18n-helpers';
import { useUnitNames } from '../shared/org-units';
import { QueryError } from '../supervisor/common/QueryError';
import type { Course } from './api-types';
import { CreateCourseDialog } from './CreateCourseDialog';
import { useCourses, useRefer, useReferredPerson } from './use-training';

const PAGE_SIZE = 20;

/**
 * 技能培训课程: the courses the user's unit may refer to. With `?referPerson=<personId>` (from the 3+1 worklist
 * or a case) the page names the person and each course offers "refer to this course".
 */
export function CourseListPage() {
  const { t } = useTranslation();
  const language = useLanguage();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const [search, setSearch] = useSearchParams();
  const referPersonId = search.get('referPerson');
  const [page, setPage] = useState(1);
  const courses = useCourses(page, PAGE_SIZE);
  const person = useReferredPerson(referPersonId);
  const refer = useRefer();
  const [referError, setReferError] = useState<string | null>(null);
  const [creating, setCreating] = useState(false);
  const { user } = useAuth();
  // Supervisors and admins set up courses of their own unit; operators refer to them.
  const mayCreate = hasAnyRole(user, ['supervisor', 'admin']);
  const items = courses.data?.items ?? [];
  const unitName = useUnitNames(
    items.map((course) => course.unitCode),
    language,
  );

  const referTo = (course: Course) => {
    if (!referPersonId || !person.data) return;
    setReferError(null);
    refer.mutate(
      { courseId: course.id, personId: referPersonId },
      {
        onSuccess: () => {
          void message.success(t('training:referDone', { name: person.data.name, course: course.title }));
          navigate(`/operator/training/courses/${encodeURIComponent(course.id)}`);
        },
        onError: (error) => setReferError(errorMessage(error, language)),
      },
    );
  };

  const columns: ColumnsType<Course> = [
    {
      title: t('training:column.title'),
      key: 'title',
      render: (_, course) => (
        <Link to={`/operator/training/courses/${encodeURIComponent(course.id)}`}>{course.title}</Link>
      ),
    },
    { title: t('training:column.provider'), key: 'provider', render: (_, course) => course.provider.name },
    { title: t('training:column.occupation'), dataIndex: 'occupation' },
    {
      title: t('training:column.level'),
      key: 'level',
      render: (_, course) => t(`training:level.${course.level}`),
    },
    {
      title: t('training:column.dates'),
      key: 'dates',
      render: (_, course) => t('training:dates', { from: course.startsOn, to: course.endsOn }),
    },
    { title: t('training:column.unit'), key: 'unit', render: (_, course) => unitName(course.unitCode) },
    {
      title: t('training:column.places'),
      key: 'places',
      render: (_, course) =>
        t('training:places', {
          taken: course.placesTaken,
          capacity: course.capacity,
          left: course.placesLeft,
        }),
    },
    {
      title: t('training:column.free'),
      key: 'free',
      render: (_, course) =>
        course.freeForHardship ? <Tag color="green">{t('training:yes')}</Tag> : <Tag>{t('training:no')}</Tag>,
    },
    {
      title: t('training:column.actions'),
      key: 'actions',
      render: (_, course) =>
        referPersonId ? (
          <Button
            size="small"
            type="primary"
            disabled={!person.data || course.placesLeft === 0}
            loading={refer.isPending && refer.variables?.courseId === course.id}
            onClick={() => referTo(course)}
          >
            {t('training:referThis')}
          </Button>
        ) : (
          <Link to={`/operator/training/courses/${encodeURIComponent(course.id)}`}>{t('training:open')}</Link>
        ),
    },
  ];

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Typography.Title level={2} style={{ margin: 0 }}>
        {t('training:title')}
      </Typography.Title>
      <Typography.Text type="secondary">{t('training:intro')}</Typography.Text>
      {mayCreate && (
        <Button type="primary" style={{ alignSelf: 'flex-start' }} onClick={() => setCreating(true)}>
          {t('training:create.button')}
        </Button>
      )}
      {creating && <CreateCourseDialog onClose={() => setCreating(false)} />}
      {referPersonId && person.data && (
        <Alert
          type="info"
          showIcon
          title={t('training:referFor', { name: person.data.name, phone: person.data.phoneMasked })}
          action={
            <Button size="small" onClick={() => setSearch({})}>
              {t('training:clearRefer')}
            </Button>
          }
        />
      )}
      {referPersonId && person.error && <QueryError error={person.error} />}
      {referError && <Alert type="error" showIcon title={referError} />}
      {courses.error ? (
        <QueryError error={courses.error} onRetry={() => void courses.refetch()} />
      ) : (
        <Table
          rowKey="id"
          columns={columns}
          dataSource={items}
          loading={courses.isLoading}
          pagination={{
            current: page,
            pageSize: PAGE_SIZE,
            total: courses.data?.total ?? 0,
            onChange: setPage,
          }}
        />
      )}
    </Space>
  );
}
