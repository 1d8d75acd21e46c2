import { useState } from 'react';
import { App, Button, Card, Col, Form, Input, Radio, Result, Row, Select, Space, Typography } from 'antd';
import type { Rule } from 'antd/es/form';
import { Link, useNavigate } from 'react-router';
import { useMutation } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import { api } from '../../api/client';
import { applyApiError } from '../../api/form-errors';
import { FormErrors } from '../../components/QueryState';
import { options } from '../../components/taxonomy';
import { checkUsccPrefix, normaliseUscc, USCC_LENGTH, validateUscc, type UsccResult } from './uscc';
import { PASSWORD_MAX_LENGTH, passwordProblem, PHONE_PATTERN } from './password';
import type { RegisterBody, RegistrationView } from './types';
import type { LoginState } from './LoginPage';

interface RegisterForm extends RegisterBody {
  passwordConfirm: string;
}

/** The Chinese (or English) sentence for what is wrong with a code. */
export function usccMessage(t: TFunction, result: UsccResult): string {
  if (result.valid) return '';
  const count = result.code.length;
  if (result.rule === 'length')
    return t(count > USCC_LENGTH ? 'account.uscc.tooLong' : 'account.uscc.length', { count });
  return t(`account.uscc.${result.rule}`, { position: result.position, character: result.character });
}

/**
 * The code is checked while it is typed: a wrong character at once, the length and the check
 * character once the field is left (or all 18 are there), so typing is not nagged about the length.
 */
export function usccRules(t: TFunction): Rule[] {
  return [
    { required: true, whitespace: true, message: t('account.uscc.required') },
    {
      validateTrigger: 'onChange',
      validator: async (_, value: string | undefined) => {
        if (!value) return;
        const result = checkUsccPrefix(value);
        if (!result.valid) throw new Error(usccMessage(t, result));
      },
    },
    {
      validateTrigger: 'onBlur',
      validator: async (_, value: string | undefined) => {
        if (!value) return;
        const result = validateUscc(value);
        if (!result.valid) throw new Error(usccMessage(t, result));
      },
    },
  ];
}

export function passwordRules(t: TFunction, requiredKey: string): Rule[] {
  return [
    { required: true, message: t(requiredKey) },
    {
      validator: async (_, value: string | undefined) => {
        if (!value) return;
        const problem = passwordProblem(value);
        if (problem) throw new Error(t(`account.passwordRule.${problem}`));
      },
    },
  ];
}

const maxChars = (t: TFunction, max: number): Rule => ({ max, message: t('account.register.tooLong', { max }) });

export function RegisterPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<RegisterForm>();
  const [errors, setErrors] = useState<string[]>([]);
  const navigate = useNavigate();
  const uscc = Form.useWatch(['organisation', 'uscc'], form);
  const usccOk = !!uscc && validateUscc(uscc).valid;

  const register = useMutation({
    mutationFn: (body: RegisterBody) => api.post<RegistrationView>('/auth/register', body),
    onSuccess: () => message.success(t('account.register.doneTitle')),
    onError: (error) => setErrors(applyApiError(form, error)),
  });

  const onFinish = (values: RegisterForm) => {
    setErrors([]);
    const { organisation, user } = values;
    register.mutate({
      organisation: {
        ...organisation,
        nameEn: organisation.nameEn?.trim() || undefined,
        uscc: normaliseUscc(organisation.uscc),
      },
      user,
    });
  };

  if (register.isSuccess) {
    const { organisation, user } = register.data;
    const loginState: LoginState = { email: user.email, registered: true };
    return (
      <Card style={{ maxWidth: 720, margin: '24px auto' }}>
        <Result
          status="success"
          title={
            <Typography.Title level={1} style={{ fontSize: 24, margin: 0 }}>
              {t('account.register.doneTitle')}
            </Typography.Title>
          }
          subTitle={t('account.register.doneSubtitle', { name: organisation.nameZh, email: user.email })}
          extra={
            <Button type="primary" onClick={() => navigate('/login', { state: loginState })}>
              {t('account.register.goLogin')}
            </Button>
          }
        >
          <Typography.Title level={2} style={{ fontSize: 18 }}>
            {t('account.register.nextTitle')}
          </Typography.Title>
          <ol style={{ paddingInlineStart: 20, marginBottom: 0 }}>
            <li>{t('account.register.next1')}</li>
            <li>{t('account.register.next2')}</li>
            <li>{t('account.register.next3')}</li>
          </ol>
        </Result>
      </Card>
    );
  }

  const sectionTitle = (key: string) => (
    <Typography.Title level={2} style={{ fontSize: 18, marginTop: 8 }}>
      {t(key)}
    </Typography.Title>
  );

  return (
    <Card style={{ maxWidth: 760, margin: '24px auto' }}>
      <Typography.Title level={1} style={{ fontSize: 24 }}>
        {t('account.register.title')}
      </Typography.Title>
      <Typography.Paragraph type="secondary">{t('account.register.intro')}</Typography.Paragraph>
      <FormErrors messages={errors} />
      <Form<RegisterForm>
        form={form}
        layout="vertical"
        onFinish={onFinish}
        scrollToFirstError={{ block: 'center' }}
        initialValues={{ organisation: { type: 'vendor' } }}
      >
        {sectionTitle('account.register.sectionOrganisation')}
        <Form.Item
          label={t('account.register.type')}
          name={['organisation', 'type']}
          rules={[{ required: true, message: t('account.register.typeRequired') }]}
        >
          <Radio.Group style={{ width: '100%' }}>
            <Space orientation="vertical">
              <Radio value="vendor">
                {t('account.register.typeVendor')}
                <Typography.Text type="secondary"> — {t('account.register.typeVendorHint')}</Typography.Text>
              </Radio>
              <Radio value="agency">
                {t('account.register.typeAgency')}
                <Typography.Text type="secondary"> — {t('account.register.typeAgencyHint')}</Typography.Text>
              </Radio>
            </Space>
          </Radio.Group>
        </Form.Item>
        <Row gutter={16}>
          <Col xs={24} md={12}>
            <Form.Item
              label={t('account.register.nameZh')}
              name={['organisation', 'nameZh']}
              rules={[
                { required: true, whitespace: true, message: t('account.register.nameZhRequired') },
                maxChars(t, 100),
              ]}
            >
              <Input autoComplete="organization" placeholder={t('account.register.nameZhPlaceholder')} />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item
              label={t('account.register.nameEn')}
              name={['organisation', 'nameEn']}
              rules={[maxChars(t, 200)]}
            >
              <Input lang="en" />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item
              label={t('account.register.uscc')}
              name={['organisation', 'uscc']}
              validateTrigger={['onChange', 'onBlur']}
              normalize={(v: string | undefined) => (v ? v.toUpperCase() : v)}
              rules={usccRules(t)}
              extra={usccOk ? t('account.register.usccValid') : t('account.register.usccHelp')}
            >
              <Input
                maxLength={24}
                autoComplete="off"
                spellCheck={false}
                style={{ fontFamily: 'ui-monospace, SFMono-Regular, Menlo, monospace', letterSpacing: 1 }}
              />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item
              label={t('account.register.district')}
              name={['organisation', 'districtCode']}
              rules={[{ required: true, message: t('account.register.districtRequired') }]}
            >
              <Select options={options('districts')} />
            </Form.Item>
          </Col>
        </Row>

        {sectionTitle('account.register.sectionContact')}
        <Row gutter={16}>
          <Col xs={24} md={8}>
            <Form.Item
              label={t('account.register.contactName')}
              name={['organisation', 'contactName']}
              rules={[
                { required: true, whitespace: true, message: t('account.register.contactNameRequired') },
                maxChars(t, 50),
              ]}
            >
              <Input autoComplete="name" />
            </Form.Item>
          </Col>
          <Col xs={24} md={8}>
            <Form.Item
              label={t('account.register.contactPhone')}
              name={['organisation', 'contactPhone']}
              rules={[
                { required: true, message: t('account.register.contactPhoneRequired') },
                { pattern: PHONE_PATTERN, message: t('account.register.contactPhoneInvalid') },
              ]}
            >
              <Input type="tel" autoComplete="tel" inputMode="tel" />
            </Form.Item>
          </Col>
          <Col xs={24} md={8}>
            <Form.Item
              label={t('account.register.contactEmail')}
              name={['organisation', 'contactEmail']}
              rules={[
                { required: true, whitespace: true, message: t('account.register.contactEmailRequired') },
                { type: 'email', message: t('account.login.emailInvalid') },
                maxChars(t, 254),
              ]}
            >
              <Input type="email" autoComplete="email" inputMode="email" />
            </Form.Item>
          </Col>
        </Row>

        {sectionTitle('account.register.sectionUser')}
        <Typography.Paragraph type="secondary">{t('account.register.sectionUserHint')}</Typography.Paragraph>
        <Row gutter={16}>
          <Col xs={24} md={12}>
            <Form.Item
              label={t('account.register.displayName')}
              name={['user', 'displayName']}
              rules={[
                { required: true, whitespace: true, message: t('account.register.displayNameRequired') },
                maxChars(t, 50),
              ]}
            >
              <Input autoComplete="name" />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item
              label={t('account.register.userEmail')}
              name={['user', 'email']}
              rules={[
                { required: true, whitespace: true, message: t('account.register.userEmailRequired') },
                { type: 'email', message: t('account.login.emailInvalid') },
                maxChars(t, 254),
              ]}
            >
              <Input type="email" autoComplete="username" inputMode="email" />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item
              label={t('account.register.password')}
              name={['user', 'password']}
              extra={t('account.register.passwordHelp')}
              rules={passwordRules(t, 'account.register.passwordRequired')}
            >
              <Input.Password autoComplete="new-password" maxLength={PASSWORD_MAX_LENGTH} />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item
              label={t('account.register.passwordConfirm')}
              name="passwordConfirm"
              dependencies={[['user', 'password']]}
              rules={[
                { required: true, message: t('account.register.passwordConfirmRequired') },
                ({ getFieldValue }) => ({
                  validator: async (_, value: string | undefined) => {
                    if (value && value !== getFieldValue(['user', 'password']))
                      throw new Error(t('account.register.passwordMismatch'));
                  },
                }),
              ]}
            >
              <Input.Password autoComplete="new-password" maxLength={PASSWORD_MAX_LENGTH} />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item style={{ marginBottom: 8 }}>
          <Button type="primary" htmlType="submit" loading={register.isPending} block>
            {t('account.register.submit')}
          </Button>
        </Form.Item>
      </Form>
      <Typography.Paragraph style={{ marginBottom: 0 }}>
        <Link to="/login">{t('account.register.haveAccount')}</Link>
      </Typography.Paragraph>
    </Card>
  );
}
