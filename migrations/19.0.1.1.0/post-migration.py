"""Official years gained a state: the years seeded from the chinese_calendar library
count as confirmed, as at a fresh install; years entered by hand wait for a manager to
confirm them with the State Council notice's reference."""


def migrate(cr, version):
    cr.execute(
        """
        UPDATE skill_cert_official_year
           SET state = 'confirmed', confirmed_date = now() at time zone 'UTC'
         WHERE source = 'library' AND state = 'draft'
        """
    )
