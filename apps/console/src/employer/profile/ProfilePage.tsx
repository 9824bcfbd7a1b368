import { EditOutlined, MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import {
  Alert,
  App,
  Button,
  Card,
  Descriptions,
  Flex,
  Form,
  Input,
  Result,
  Space,
  Spin,
  Table,
  Typography,
} from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../shared/api';
import { applyFieldErrors, errorMessage, useLanguage } from '../../shared/i18n-helpers';
import { formatInstant } from '../../shared/time';
import { unitName, useUnitWithAncestors } from '../../shared/org-units';
import { CONTACT_PHONE, maskContactPhone } from './contact-phone';
import { useProfile, useSaveContacts, type EmployerContact, type EmployerProfile } from './use-profile';

const CONTACTS_MAX = 10;

/** 单位信息: the employer's registered record (read-only) and its contacts (editable). */
export function ProfilePage() {
  const { t } = useTranslation();
  const language = useLanguage();
  const profile = useProfile();

  if (profile.isLoading)
    return (
      <Spin description={t('common:loading')}>
        <div style={{ minHeight: 120 }} />
      </Spin>
    );
  if (profile.isError) {
    const missing = profile.error instanceof ApiError && profile.error.status === 404;
    return (
      <Result
        status={missing ? '404' : 'error'}
        title={t(missing ? 'employer:profile.missing' : 'employer:profile.loadFailed')}
        subTitle={missing ? t('employer:profile.missingHelp') : errorMessage(profile.error, language)}
        extra={!missing && <Button onClick={() => void profile.refetch()}>{t('common:retry')}</Button>}
      />
    );
  }
  return <ProfileView profile={profile.data!} />;
}

function ProfileView({ profile }: { profile: EmployerProfile }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const [editing, setEditing] = useState(false);
  const street = useUnitWithAncestors(profile.streetCode);
  const area = street.data
    ? [...street.data.ancestors, street.data].map((unit) => unitName(unit, language)).join(' ')
    : profile.streetCode;

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }} data-testid="employer-profile">
      <Typography.Title level={2} style={{ margin: 0 }}>
        {t('employer:profile.heading')}
      </Typography.Title>
      <Card
        title={
          <Typography.Title level={3} style={{ margin: 0, fontSize: 16 }}>
            {t('employer:profile.registered')}
          </Typography.Title>
        }
      >
        <Descriptions
          column={{ xs: 1, md: 2 }}
          items={[
            { key: 'name', label: t('employer:profile.name'), children: profile.name },
            { key: 'uscc', label: t('employer:profile.uscc'), children: profile.uscc },
            { key: 'industry', label: t('employer:profile.industry'), children: profile.industry },
            { key: 'area', label: t('employer:profile.area'), children: area },
            { key: 'address', label: t('employer:profile.addressDetail'), children: profile.addressDetail },
            {
              key: 'updatedAt',
              label: t('employer:profile.updatedAt'),
              children: formatInstant(profile.updatedAt, language),
            },
          ]}
        />
        <Typography.Paragraph type="secondary" style={{ marginBottom: 0 }}>
          {t('employer:profile.registeredHelp')}
        </Typography.Paragraph>
      </Card>
      <Card
        title={
          <Typography.Title level={3} style={{ margin: 0, fontSize: 16 }}>
            {t('employer:profile.contacts')}
          </Typography.Title>
        }
        extra={
          !editing && (
            <Button icon={<EditOutlined />} onClick={() => setEditing(true)}>
              {t('employer:profile.editContacts')}
            </Button>
          )
        }
      >
        {editing ? (
          <ContactsForm contacts={profile.contacts} onDone={() => setEditing(false)} />
        ) : (
          <Table<EmployerContact & { key: number }>
            aria-label={t('employer:profile.contacts')}
            data-testid="employer-contacts-table"
            pagination={false}
            // Contacts have no id; their position is their key (the list is replaced as a whole).
            dataSource={profile.contacts.map((contact, index) => ({ ...contact, key: index }))}
            locale={{ emptyText: t('employer:profile.noContacts') }}
            columns={[
              { title: t('employer:profile.contactName'), dataIndex: 'name' },
              {
                title: t('employer:profile.contactTitle'),
                dataIndex: 'title',
                render: (title?: string | null) => title || '—',
              },
              { title: t('employer:profile.contactPhone'), dataIndex: 'phone', render: maskContactPhone },
            ]}
          />
        )}
      </Card>
    </Space>
  );
}

function ContactsForm({ contacts, onDone }: { contacts: EmployerContact[]; onDone: () => void }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ contacts: EmployerContact[] }>();
  const save = useSaveContacts();
  const [problems, setProblems] = useState<string[]>([]);

  const submit = ({ contacts: edited = [] }: { contacts?: EmployerContact[] }) => {
    setProblems([]);
    const body = edited.map(({ name, phone, title }) => ({
      name: name.trim(),
      phone: phone.trim(),
      ...(title?.trim() ? { title: title.trim() } : {}),
    }));
    save.mutate(body, {
      onSuccess: () => {
        void message.success(t('employer:profile.contactsSaved'));
        onDone();
      },
      onError: (error) => setProblems(applyFieldErrors(form, error, language)),
    });
  };

  return (
    <Form
      form={form}
      layout="vertical"
      initialValues={{ contacts }}
      onFinish={submit}
      data-testid="employer-contacts-form"
      aria-label={t('employer:profile.contacts')}
    >
      <Form.List name="contacts">
        {(fields, { add, remove }) => (
          <Flex vertical gap={8}>
            {fields.map((field, index) => (
              <Flex key={field.key} gap={12} wrap align="flex-start">
                <Form.Item
                  name={[field.name, 'name']}
                  label={t('employer:profile.contactNameN', { n: index + 1 })}
                  rules={[
                    { required: true, whitespace: true, message: t('employer:profile.contactNameRequired') },
                    { max: 50, message: t('employer:vacancy.tooLong', { max: 50 }) },
                  ]}
                  style={{ flex: '1 1 180px', marginBottom: 8 }}
                >
                  <Input maxLength={50} />
                </Form.Item>
                <Form.Item
                  name={[field.name, 'title']}
                  label={t('employer:profile.contactTitleN', { n: index + 1 })}
                  rules={[{ max: 50, message: t('employer:vacancy.tooLong', { max: 50 }) }]}
                  style={{ flex: '1 1 160px', marginBottom: 8 }}
                >
                  <Input maxLength={50} />
                </Form.Item>
                <Form.Item
                  name={[field.name, 'phone']}
                  label={t('employer:profile.contactPhoneN', { n: index + 1 })}
                  rules={[
                    { required: true, message: t('employer:profile.contactPhoneRequired') },
                    { pattern: CONTACT_PHONE, message: t('employer:profile.contactPhoneFormat') },
                  ]}
                  style={{ flex: '1 1 180px', marginBottom: 8 }}
                >
                  <Input inputMode="tel" autoComplete="off" />
                </Form.Item>
                <Button
                  icon={<MinusCircleOutlined />}
                  onClick={() => remove(field.name)}
                  aria-label={t('employer:profile.removeContact', { n: index + 1 })}
                  style={{ marginTop: 30 }}
                />
              </Flex>
            ))}
            <Button
              type="dashed"
              icon={<PlusOutlined />}
              disabled={fields.length >= CONTACTS_MAX}
              onClick={() => add({ name: '', phone: '', title: '' })}
              style={{ alignSelf: 'flex-start' }}
            >
              {t('employer:profile.addContact', { max: CONTACTS_MAX })}
            </Button>
          </Flex>
        )}
      </Form.List>
      {problems.length > 0 && (
        <Alert type="error" showIcon title={problems.join('；')} role="alert" style={{ marginTop: 16 }} />
      )}
      <Space style={{ marginTop: 16 }}>
        <Button type="primary" htmlType="submit" loading={save.isPending}>
          {t('common:save')}
        </Button>
        <Button onClick={onDone}>{t('common:cancel')}</Button>
      </Space>
    </Form>
  );
}
