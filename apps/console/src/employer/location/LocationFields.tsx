import { Col, Form, Row, Select } from 'antd';
import { useTranslation } from 'react-i18next';
import { useLanguage } from '../../shared/i18n-helpers';
import { CITY_CODE, unitName, useChildUnits, type OrgUnit } from '../../shared/org-units';

/**
 * District → street → community, read from the org tree so a street always lies in its district (the service
 * refuses anything else). Changing a level clears the levels below it. No coordinates are asked for: the
 * service measures distances from the community's centre (the street's when no community is chosen).
 */
export function LocationFields() {
  const { t } = useTranslation();
  const language = useLanguage();
  const form = Form.useFormInstance();
  const districtCode = Form.useWatch<string | undefined>('districtCode', form);
  const streetCode = Form.useWatch<string | undefined>('streetCode', form);
  const districts = useChildUnits(CITY_CODE);
  const streets = useChildUnits(districtCode || undefined);
  const communities = useChildUnits(streetCode || undefined);
  const options = (units: OrgUnit[] | undefined) =>
    (units ?? []).map((unit) => ({ value: unit.code, label: unitName(unit, language) }));
  const noCommunities = !!streetCode && communities.isSuccess && communities.data.length === 0;

  return (
    <Row gutter={16}>
      <Col xs={24} md={8}>
        <Form.Item
          name="districtCode"
          label={t('employer:vacancy.district')}
          rules={[{ required: true, message: t('employer:vacancy.districtRequired') }]}
        >
          <Select
            showSearch={{ optionFilterProp: 'label' }}
            loading={districts.isLoading}
            options={options(districts.data)}
            onChange={() => form.setFieldsValue({ streetCode: undefined, communityCode: null })}
          />
        </Form.Item>
      </Col>
      <Col xs={24} md={8}>
        <Form.Item
          name="streetCode"
          label={t('employer:vacancy.street')}
          rules={[{ required: true, message: t('employer:vacancy.streetRequired') }]}
        >
          <Select
            showSearch={{ optionFilterProp: 'label' }}
            disabled={!districtCode}
            loading={streets.isLoading}
            options={options(streets.data)}
            onChange={() => form.setFieldsValue({ communityCode: null })}
          />
        </Form.Item>
      </Col>
      <Col xs={24} md={8}>
        <Form.Item
          name="communityCode"
          label={t('employer:vacancy.community')}
          extra={noCommunities ? t('employer:vacancy.noCommunities') : t('employer:vacancy.communityHelp')}
        >
          <Select
            allowClear
            showSearch={{ optionFilterProp: 'label' }}
            disabled={!streetCode || noCommunities}
            loading={communities.isLoading}
            options={options(communities.data)}
          />
        </Form.Item>
      </Col>
    </Row>
  );
}
