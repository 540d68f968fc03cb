"""Registration conditions gained a route: those without a prior level are years of
work alone, as the data of a fresh install says."""


def migrate(cr, version):
    cr.execute(
        """
        UPDATE skill_cert_eligibility_rule
           SET route = 'years'
         WHERE prior_level_id IS NULL AND route = 'certificate'
        """
    )
